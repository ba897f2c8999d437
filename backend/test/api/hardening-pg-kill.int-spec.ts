import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../src/database/embedded-postgres.js';
import { findOrphan, isAlive, stopOrphan } from '../../src/database/orphan-postgres.js';
import { waitFor } from '../setup/wait-for.js';

/**
 * Issue 10 item 7: `kill -9` of the embedded PostgreSQL while the app is up. The app runs as
 * `npm start` runs it (`node backend/dist/main.js`, no DATABASE_URL: embedded mode, its own data
 * directory, never the shared test server), as a child process. While the database is down calls
 * answer 503 `DB_UNAVAILABLE` (never 500), the app's watcher (`database/embedded-watch.ts`) starts
 * it again with back-off, and the same calls answer 200 afterwards without restarting the app.
 * The backend is compiled first (`tsc -b`, incremental) so the child runs the current sources.
 */
const backend = fileURLToPath(new URL('../..', import.meta.url));
const root = path.resolve(backend, '..');
const ADMIN_PASSWORD = 'Admin-pass-123';
let dir: string;
let child: ChildProcess | null = null;
/** The app's stdout/stderr go to a file (as `npm start > log` would), never a pipe the test must drain. */
let logFile: string;
const logBytes = () => (logFile && existsSync(logFile) ? readFileSync(logFile) : Buffer.alloc(0));
/** The log's last 20 KB (read as a tail: a regression could make it large again). */
const output = () => logBytes().subarray(-20_000).toString('utf8');
let baseUrl: string;

function run(file: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [file, ...args], { cwd, timeout: 600_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${path.basename(file)} ${args.join(' ')} failed: ${stdout}${stderr}`)) : resolve(),
    );
  });
}

beforeAll(async () => {
  await run(path.join(root, 'node_modules/typescript/bin/tsc'), ['-b', backend], root);
  dir = mkdtempSync(path.join(tmpdir(), 'zhice-pgkill-'));
  const port = await findFreePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: 'Asia/Shanghai',
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: path.join(dir, 'data'),
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD,
    DEMO_DATA: 'false',
    SCHEDULER_ENABLED: 'false',
    NO_COLOR: '1',
  };
  // cwd = the temp dir: no `.env.local` of the developer's (a DATABASE_URL there would leave embedded mode).
  logFile = path.join(dir, 'app.log');
  const fd = openSync(logFile, 'a');
  child = spawn(process.execPath, [path.join(backend, 'dist/main.js')], { cwd: dir, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  baseUrl = `http://127.0.0.1:${port}`;
  const app = child;
  const up = async () => {
    if (app.exitCode !== null) throw new Error(`the app exited (${app.exitCode})`);
    return fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(5000) }).then((r) => r.status === 200, () => false);
  };
  await waitFor(up, (ok) => ok, 'the app to come up', 180_000, 500).catch((e: Error) => {
    throw new Error(`${e.message}:\n${output()}`);
  });
}, 900_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM'); // the app closes, then stops its PostgreSQL
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  if (dir) {
    const orphan = findOrphan(path.join(dir, 'data', 'pg'));
    if (orphan) await stopOrphan(orphan, () => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

const postmasterPid = () => Number(readFileSync(path.join(dir, 'data', 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

async function call(route: string, token?: string): Promise<{ status: number; code?: string }> {
  try {
    const res = await fetch(`${baseUrl}/api/v1${route}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(30_000) /* slow under a loaded CI is not dropped */ });
    const body = (await res.json().catch(() => null)) as { code?: string } | null;
    return { status: res.status, code: body?.code };
  } catch (e) {
    return { status: 0, code: e instanceof Error ? e.message : String(e) };
  }
}

describe('embedded PostgreSQL killed while the app is up', () => {
  it('answers 503 DB_UNAVAILABLE while it is down, restarts it and answers 200 again', async () => {
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const route = '/admin/users?page=1&pageSize=5';
    expect(await call(route, token)).toMatchObject({ status: 200 });

    const killed = postmasterPid();
    const logBefore = logBytes().length;
    process.kill(killed, 'SIGKILL');
    const seen: Array<{ status: number; code?: string }> = [];
    const end = Date.now() + 90_000;
    let recovered = false;
    while (Date.now() < end) {
      const r = await call(route, token);
      seen.push(r);
      if (r.status === 200 && seen.some((s) => s.status === 503)) {
        recovered = true;
        break;
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    const statuses = seen.map((s) => `${s.status}${s.code ? ` ${s.code}` : ''}`);
    expect(recovered, `answers after the kill: ${[...new Set(statuses)].join(', ')}\n${output().slice(-3000)}`).toBe(true);
    // While it was down: 503 DB_UNAVAILABLE, never a 500 (nor a dropped connection).
    const down = seen.filter((s) => s.status !== 200);
    expect(down.length).toBeGreaterThan(0);
    expect(down.filter((s) => s.status !== 503 || s.code !== 'DB_UNAVAILABLE'), statuses.join(', ')).toEqual([]);
    // Restarted by the app's watcher: a new postmaster on the same directory, the old one gone, the app the same process.
    expect(logBytes().includes('embedded PostgreSQL is back')).toBe(true);
    expect(isAlive(killed)).toBe(false);
    expect(existsSync(path.join(dir, 'data', 'pg', 'postmaster.pid'))).toBe(true);
    expect(postmasterPid()).not.toBe(killed);
    expect(child!.exitCode).toBeNull();
    // The outage is logged once, with one line when it ends — not a dump per failed connection,
    // queue poll or request (a loaded CI once wrote > 512 MB of them and never came back).
    await expect.poll(() => logBytes().includes('database back after'), { timeout: 30_000 }).toBe(true);
    const during = logBytes().subarray(logBefore).toString('utf8');
    // The access log grows with this test's own polling (10 calls a second); the rest must stay small.
    const notAccess = during.split('\n').filter((l) => !l.includes('"req":{')).join('\n');
    expect(notAccess.length, notAccess.slice(0, 3000)).toBeLessThan(256 * 1024);
    expect(during).not.toMatch(/^error: /m); // no raw pg error objects printed to stderr
    const outages = during.match(/database unavailable/g)?.length ?? 0;
    expect(outages).toBeGreaterThanOrEqual(1);
    expect(outages, 'one line per outage (a restart that flaps may make a few)').toBeLessThanOrEqual(5);
    // Everything answers again, the health check included.
    expect(await call(route, token)).toMatchObject({ status: 200 });
    // Each health probe has a 3 s budget; on a loaded machine the queues' pools may still be reconnecting.
    const health = await waitFor(() => fetch(`${baseUrl}/api/v1/health`), (h) => h.status === 200, 'the health check after the outage', 20_000, 1000);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ db: 'up', queue: 'up' });
  }, 150_000);
});
