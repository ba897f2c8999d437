import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Which upstream APIs a fault applies to: all (`true`), none (`false`), or the named ones. */
export type ApiSelector = boolean | readonly string[];

export function selects(selector: ApiSelector | undefined, api: string): boolean {
  if (selector === undefined || selector === false) return false;
  return selector === true || selector.includes(api);
}

/** Faults both fakes can inject, matching what the real services do when things go wrong. */
export interface TransportFaults {
  /** Wait this long before answering (slow upstream; exercises client timeouts). */
  delayMs: number;
  delayApis: ApiSelector;
  /** Destroy the socket without answering (ECONNRESET; Eastmoney's RemoteDisconnected, a dying proxy). */
  resetConnection: ApiSelector;
  /** Plain-text `500 Internal Server Error`. */
  http500: ApiSelector;
  /** HTTP 200 with a body cut off mid-JSON. */
  malformedJson: ApiSelector;
  /** Faults hit only this many matching requests, then the service recovers (null = until changed). */
  faultLimit: number | null;
}

export const NO_FAULTS: TransportFaults = {
  delayMs: 0,
  delayApis: true,
  resetConnection: false,
  http500: false,
  malformedJson: false,
  faultLimit: null,
};

export interface FakeExchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: string;
}

export interface LoopbackServer {
  url: string;
  /** Resolves after `ms` unless the server is closing (then never: the socket is gone anyway). */
  wait(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** node:http on 127.0.0.1 with an ephemeral port; close() drops keep-alive sockets and pending delays. */
export async function startLoopbackServer(handle: (exchange: FakeExchange) => Promise<void>): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const exchange = {
        req,
        res,
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        body: Buffer.concat(chunks).toString('utf8'),
      };
      handle(exchange).catch((error: unknown) => {
        if (res.headersSent || res.destroyed) return;
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`fake server bug: ${String(error)}`);
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    wait: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.add(timer);
      }),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Applies the transport faults for one request. Returns true when the fault already disposed of the
 * request (reset, 500, garbage) and the protocol handler must not answer.
 */
export async function applyTransportFaults(
  server: LoopbackServer,
  faults: TransportFaults,
  faultsUsed: { count: number },
  api: string,
  exchange: FakeExchange,
  garbage: string,
): Promise<boolean> {
  if (faults.delayMs > 0 && selects(faults.delayApis, api)) await server.wait(faults.delayMs);
  if (exchange.res.destroyed) return true;
  const fault = selects(faults.resetConnection, api)
    ? 'reset'
    : selects(faults.http500, api)
      ? 'http500'
      : selects(faults.malformedJson, api)
        ? 'garbage'
        : null;
  if (fault === null) return false;
  if (faults.faultLimit !== null && faultsUsed.count >= faults.faultLimit) return false;
  faultsUsed.count += 1;
  if (fault === 'reset') {
    exchange.req.socket.destroy();
  } else if (fault === 'http500') {
    exchange.res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal Server Error');
  } else {
    exchange.res.writeHead(200, { 'content-type': 'application/json' }).end(garbage);
  }
  return true;
}

export function sendJson(exchange: FakeExchange, status: number, payload: unknown): void {
  if (exchange.res.destroyed) return;
  exchange.res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(payload));
}

/** Counts calls per API name; a plain object so tests can `expect(fake.calls.daily).toBe(1)`. */
export function countCall(calls: Record<string, number>, api: string): void {
  calls[api] = (calls[api] ?? 0) + 1;
}
