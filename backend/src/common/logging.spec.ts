import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from '../../test/setup/wait-for.js';
import { AppLogger, LineBatcher, accessLog, createAppLogger, redactUrl } from './logging.js';

/** A pino logger writing its JSON lines into an array. */
function memoryLogger(level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createAppLogger(level, sink), lines };
}

/** Waits until `lines` holds `n` entries (the access line is written on the response's close event). */
const linesReach = (lines: unknown[], n: number) => waitFor(async () => lines.length, (len) => len >= n, `${n} log lines`, 2_000, 5);

describe('redactUrl', () => {
  it('masks tokens in query strings and card codes in paths, keeps the named card-key routes', () => {
    expect(redactUrl('/api/v1/auth/verify-email?token=abc.def&x=1')).toBe('/api/v1/auth/verify-email?token=***&x=1');
    expect(redactUrl('/api/v1/x?a=1&refreshToken=r1&access_token=t&code=9')).toBe('/api/v1/x?a=1&refreshToken=***&access_token=***&code=***');
    expect(redactUrl('/api/v1/open/card-keys/ABCD-EFGH-1234/unbind')).toBe('/api/v1/open/card-keys/***/unbind');
    expect(redactUrl('/api/v1/card-keys/redeem')).toBe('/api/v1/card-keys/redeem');
    expect(redactUrl('/api/v1/admin/card-keys/stats?from=2026-01-01')).toBe('/api/v1/admin/card-keys/stats?from=2026-01-01');
  });
});

describe('AppLogger (Nest LoggerService over pino)', () => {
  it('takes the last optional parameter as the context, objects as fields, errors as err', async () => {
    const { logger, lines } = memoryLogger('debug');
    const nest = new AppLogger(logger);
    nest.log('synced %d stocks', 12, 'MarketSync');
    nest.warn({ code: 'X', n: 1 }, 'Vip');
    nest.error(new Error('boom'), 'Jobs');
    nest.debug('plain');
    nest.verbose('below the level');
    await linesReach(lines, 4);
    expect(lines.map((l) => [l.level, l.msg, l.context])).toEqual([
      [30, 'synced 12 stocks', 'MarketSync'],
      [40, undefined, 'Vip'],
      [50, 'boom', 'Jobs'],
      [20, 'plain', undefined],
    ]);
    expect(lines[1]).toMatchObject({ code: 'X', n: 1 });
    expect((lines[2]!.err as { message: string }).message).toBe('boom');
  });

  it("keeps Nest's (message, stack, context) error call as an error with that stack", async () => {
    const { logger, lines } = memoryLogger();
    new AppLogger(logger).error('Unhandled', 'Error: Unhandled\n    at handler (x.js:1:1)', 'ExceptionsHandler');
    await linesReach(lines, 1);
    expect(lines[0]).toMatchObject({ level: 50, context: 'ExceptionsHandler' });
    expect((lines[0]!.err as { stack: string }).stack).toContain('at handler (x.js:1:1)');
  });
});

describe('accessLog', () => {
  function app(level = 'info') {
    const { logger, lines } = memoryLogger(level);
    const a = express();
    a.use(accessLog(logger));
    a.get('/api/v1/ok', (_req, res) => void res.json({ ok: true }));
    a.get('/api/v1/fail', (_req, res) => void res.status(503).json({ ok: false }));
    a.get('/api/v1/health', (_req, res) => void res.json({ ok: true }));
    a.get('/assets/x.js', (_req, res) => void res.send('x'));
    return { a, lines };
  }

  it('logs one line per API request with id, method, redacted url, status and time; never headers', async () => {
    const { a, lines } = app();
    await request(a).get('/api/v1/ok?token=secret').set('Authorization', 'Bearer t0k3n');
    await request(a).get('/api/v1/fail');
    await linesReach(lines, 2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'request completed', req: { id: 1, method: 'GET', url: '/api/v1/ok?token=***' }, res: { statusCode: 200 } });
    expect(typeof lines[0]!.responseTime).toBe('number');
    expect(lines[1]).toMatchObject({ level: 50, msg: 'request errored', req: { id: 2 }, res: { statusCode: 503 } });
    expect(JSON.stringify(lines)).not.toContain('t0k3n');
  });

  it('skips health probes, non-API paths, and (below info) completed requests', async () => {
    const { a, lines } = app();
    await request(a).get('/api/v1/health');
    await request(a).get('/assets/x.js');
    // A logged request after them: once its line is there, the skipped ones had their chance.
    await request(a).get('/api/v1/ok');
    await linesReach(lines, 1);
    expect(lines.map((l) => (l.req as { url: string }).url)).toEqual(['/api/v1/ok']);
    const quiet = app('warn');
    await request(quiet.a).get('/api/v1/ok');
    await request(quiet.a).get('/api/v1/fail');
    await linesReach(quiet.lines, 1);
    expect(quiet.lines.map((l) => l.msg)).toEqual(['request errored']);
  });
});

describe('LineBatcher (the stdout log stream)', () => {
  afterEach(() => void vi.useRealTimers());

  function sink() {
    const writes: string[] = [];
    let syncFlushes = 0;
    return { writes, out: { write: (c: string) => void writes.push(c), flushSync: () => void syncFlushes++ }, syncFlushes: () => syncFlushes };
  }

  it('writes the lines of one interval together, in order, no later than the delay', () => {
    vi.useFakeTimers();
    const { writes, out } = sink();
    const b = new LineBatcher(out, 50, 1_000);
    b.write('a\n');
    b.write('b\n');
    vi.advanceTimersByTime(49);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual(['a\nb\n']);
    b.write('c\n');
    vi.advanceTimersByTime(50);
    expect(writes).toEqual(['a\nb\n', 'c\n']);
    vi.advanceTimersByTime(500);
    expect(writes).toHaveLength(2); // nothing pending: no empty writes
  });

  it('writes at once when the batch reaches its size, and flushSync leaves nothing behind', () => {
    vi.useFakeTimers();
    const s = sink();
    const b = new LineBatcher(s.out, 50, 10);
    b.write('12345\n');
    b.write('67890\n');
    expect(s.writes).toEqual(['12345\n67890\n']);
    b.write('tail\n');
    b.flushSync();
    expect(s.writes).toEqual(['12345\n67890\n', 'tail\n']);
    expect(s.syncFlushes()).toBe(1);
    vi.advanceTimersByTime(100);
    expect(s.writes).toHaveLength(2);
  });

  it('carries a logger\'s lines (pino writes each line through it)', () => {
    vi.useFakeTimers();
    const s = sink();
    const logger = createAppLogger('info', new LineBatcher(s.out, 50, 16_384));
    logger.info({ n: 1 }, 'one');
    logger.info({ n: 2 }, 'two');
    expect(s.writes).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(s.writes).toHaveLength(1);
    expect(s.writes[0]!.trim().split('\n').map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['one', 'two']);
  });
});
