import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { pino, type DestinationStream, type Level, type Logger as Pino } from 'pino';

/**
 * Logging: one pino logger per process (JSON lines on stdout), Nest's logger on top of it, and one
 * access-log line per API request.
 *
 * Why not nestjs-pino / pino-http (used until issue 9 item 4): to give every log call inside a
 * request that request's child logger, nestjs-pino keeps it in an AsyncLocalStorage. On Node 20 an
 * AsyncLocalStorage in use turns on V8's promise hooks for the whole process, so every promise any
 * request creates (Nest's pipeline, pg, the services) runs hook code; pino-http also builds a child
 * logger and runs the redaction and serializers per request. Our request logs need none of that: the
 * access line carries what an operator looks for (id, method, route with secrets masked, status,
 * time), and the few log calls made while handling a request name their subject themselves.
 */
export function createAppLogger(level: string, destination?: DestinationStream): Pino {
  return pino({ level }, destination ?? stdoutLines());
}

/**
 * Log lines collected for a short while and written to their stream together.
 *
 * An asynchronous write per line (pino's `sync: false` destination) still costs a hand-off to
 * libuv's thread pool, a write(2) there and a wake-up of the event loop for its completion: on the
 * api-read bench, a line per request made up much of the gap between `LOG_LEVEL=info` and `warn`
 * (see the README's benchmark notes). Here the lines of up to `maxDelayMs`, or `maxBytes`, go out
 * in one write. A line is never held longer than `maxDelayMs`; `flushSync` (on process exit)
 * writes whatever is pending before the process ends.
 */
export class LineBatcher implements DestinationStream {
  private pending = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly out: { write(chunk: string): unknown; flushSync?(): void },
    private readonly maxDelayMs = 50,
    private readonly maxBytes = 16_384,
  ) {}

  write(line: string): void {
    this.pending += line;
    if (this.pending.length >= this.maxBytes) this.flush();
    else if (this.timer === undefined) {
      this.timer = setTimeout(() => this.flush(), this.maxDelayMs);
      this.timer.unref();
    }
  }

  /** Hands what is pending to the stream now (asynchronously written by it). */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending === '') return;
    const chunk = this.pending;
    this.pending = '';
    this.out.write(chunk);
  }

  /** Writes what is pending, and what the stream still holds, before returning. */
  flushSync(): void {
    this.flush();
    this.out.flushSync?.();
  }
}

let stdout: LineBatcher | undefined;

/** The process's one stdout log stream (every logger of the process shares it): batched, written asynchronously, flushed at exit. */
function stdoutLines(): LineBatcher {
  if (!stdout) {
    const batcher = new LineBatcher(pino.destination({ dest: 1, sync: false }));
    process.once('exit', () => {
      try {
        batcher.flushSync();
      } catch {
        // stdout already closed: nothing left to write to
      }
    });
    stdout = batcher;
  }
  return stdout;
}

/** Nest's LoggerService over pino, with nestjs-pino's call shapes (so existing log lines keep their fields). */
export class AppLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  verbose(message: unknown, ...optional: unknown[]) {
    this.call('trace', message, optional);
  }
  debug(message: unknown, ...optional: unknown[]) {
    this.call('debug', message, optional);
  }
  log(message: unknown, ...optional: unknown[]) {
    this.call('info', message, optional);
  }
  warn(message: unknown, ...optional: unknown[]) {
    this.call('warn', message, optional);
  }
  error(message: unknown, ...optional: unknown[]) {
    this.call('error', message, optional);
  }
  fatal(message: unknown, ...optional: unknown[]) {
    this.call('fatal', message, optional);
  }

  /** The last optional parameter is the context (Nest's `new Logger(Context)` passes it); the rest are format arguments. */
  private call(level: Level, message: unknown, optional: unknown[]) {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    let params = optional;
    if (optional.length > 0) {
      fields.context = optional[optional.length - 1];
      params = optional.slice(0, -1);
    }
    const log = this.pino[level].bind(this.pino) as (obj: object, msg?: string, ...args: unknown[]) => void;
    if (typeof message === 'object' && message !== null) {
      if (message instanceof Error) fields.err = message;
      else Object.assign(fields, message);
      log(fields, ...(params as [string?]));
    } else if (level === 'error' && typeof message === 'string' && params.length === 1 && typeof params[0] === 'string' && /\n\s*at /.test(params[0])) {
      // Nest's exception handlers call error(message, stack, context): keep the stack as the error's.
      const err = new Error(message);
      err.stack = params[0];
      log({ ...fields, err });
    } else {
      log(fields, String(message), ...params);
    }
  }
}

/** Tokens can appear in query strings (e-mail links); keep them out of logs. */
export function redactUrl(url: string): string {
  return url
    .replace(/([?&](?:token|refreshToken|access_token|code)=)[^&]*/gi, '$1***')
    // card codes travel in a few paths (open query, unbind): never into a log line
    .replace(/(\/card-keys\/)(?!redeem\b|stats\b|verifications\b|verify\b)[^/?]+/gi, '$1***');
}

/**
 * One line per API request when its answer is done (`request completed`; `request errored` at
 * error level for a 5xx; `request aborted` at warn when the client went away first), in pino-http's
 * shape: `{ req: { id, method, url }, res: { statusCode }, responseTime }`. Health probes and
 * non-API paths (the SPAs' files) are not logged. Headers and bodies never are.
 */
export function accessLog(logger: Pino): RequestHandler {
  let nextId = 0;
  return (req: Request, res: Response, next: NextFunction) => {
    const url = req.originalUrl;
    // Above `info`, only errored (and at `warn`, aborted) requests are written; pino drops the rest itself.
    if (!url.startsWith('/api/') || url.startsWith('/api/v1/health') || !logger.isLevelEnabled('error')) return next();
    const id = ++nextId;
    const start = Date.now();
    res.once('close', () => {
      const line = { req: { id, method: req.method, url: redactUrl(url) }, res: { statusCode: res.statusCode }, responseTime: Date.now() - start };
      if (!res.writableFinished) logger.warn(line, 'request aborted');
      else if (res.statusCode >= 500) logger.error(line, 'request errored');
      else logger.info(line, 'request completed');
    });
    next();
  };
}
