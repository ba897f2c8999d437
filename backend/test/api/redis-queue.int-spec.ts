import { ALL_QUEUES } from '../../src/modules/jobs/queues.js';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { activatePool, createPool, LISTED, seedStocks, waitForHoldings } from './pool-fixtures.js';
import { waitFor } from '../setup/wait-for.js';

/**
 * REDIS_URL set: BullMQ runs on Redis instead of PostgreSQL. A real redis-server on a free port
 * (CI installs the Debian package); on a developer machine without one this file is skipped with a
 * message, in CI it must run.
 */
const redisBin = [process.env.REDIS_SERVER_BIN, '/usr/bin/redis-server', '/usr/local/bin/redis-server'].find(
  (p): p is string => !!p && existsSync(p),
) ?? (spawnSync('which', ['redis-server']).stdout?.toString().trim() || undefined);

if (!redisBin && process.env.CI) throw new Error('redis-server not found; .ci/run installs it (apt-get install redis-server)');
if (!redisBin) console.warn('redis-queue.int-spec: no redis-server on this machine — skipped (install redis-server to run it)');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Answers PONG on the port: the server is accepting commands. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(redisBin!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await waitFor(() => ping(port), (ok) => ok, `redis-server on ${port}`, 10_000);
  return child;
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe.skipIf(!redisBin)('BullMQ on Redis (REDIS_URL)', () => {
  let t: TestApp;
  let redis: ChildProcess | undefined;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await t?.close();
    await stop(redis);
  });

  it('health reports the Redis backend and every queue up', async () => {
    // Each probe has a 3 s budget: ask until the first connections settle on a loaded machine.
    const r = await waitFor(() => t.api('GET', '/health'), (x) => x.status === 200, 'health up', 20_000).catch(() => t.api('GET', '/health'));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', db: 'up', queue: 'up', queueBackend: 'redis' });
    expect(Object.keys(r.body.queues).sort()).toEqual([...ALL_QUEUES].sort());
  });

  it('a pool activation runs through the Redis queue: the job finishes and a new member gets stocks', async () => {
    const admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
    await seedStocks(t);
    const pool = await createPool(t, admin, LISTED.slice(0, 12), 'Redis pool');
    await activatePool(t, admin, pool.id);
    const m = await t.registerMember('redis_member');
    expect(await waitForHoldings(t, m.user.id, 5)).toHaveLength(5);
  });

  it('health answers 503 with queue down when Redis goes away, and up again when it is back', async () => {
    await stop(redis);
    const down = await t.api('GET', '/health');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'degraded', db: 'up', queue: 'down', queueBackend: 'redis' });
    redis = await startRedis(port);
    const up = await waitFor(() => t.api('GET', '/health'), (r) => r.status === 200, 'health back up', 20_000);
    expect(up.body.queue).toBe('up');
  });
});
