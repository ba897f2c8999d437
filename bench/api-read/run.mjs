#!/usr/bin/env node
// BENCH api-read: GET /api/v1/me/stocks under load (100 connections, 10 s) against the real API —
// `node backend/dist/main.js` in a child process, NODE_ENV=production, real secrets, its own logs —
// on a database of 100,000 members (mixed VIP levels) holding 1.95 M allocations of an active
// 300-stock pool, with 120 days of signals for the strategies the levels use. Requests carry access
// tokens of 2,000 distinct members, minted as the app mints them (HS256 JWT, same claims).
//
// Baseline, same run: baseline-server.mjs, a bare node:http server in a child process doing the
// irreducible part of the same work — HS256-verify the bearer token with node:crypto, run the
// statements the endpoint runs (user row, entitlement with the level's strategy, holdings with
// their latest signals and day changes)
// through `pg` with the app's pool size, write the same JSON. Before timing, the two answers are
// compared for a sample of members (they must be equal), and on the embedded server the statements
// each one issues for one request are logged (log_statement = all) and printed.
//
// Ours and the baseline run alternately (--runs times each, a --warmup before each timed run) and
// the medians are reported. Any non-2xx answer or socket error makes the run invalid: it fails.
// Also logged: CPU per request of each server and of PostgreSQL (from /proc; a loaded machine skews
// it far less than req/s), and p50/p99 at a fixed offered rate (--rate), where latency is not just
// queueing behind 100 busy connections. /me/stocks has no rate limiter in the API (@nestjs/throttler
// guards only /auth/*); nginx.conf limits /api/ per client IP, but the benchmark talks to Node.
//
//   node bench/api-read/run.mjs [--members 100000] [--connections 100] [--duration 10] [--warmup 3]
//                               [--runs 3] [--tokens 2000] [--log-level info] [--rate-first ours|baseline]
//
// PostgreSQL: DATABASE_URL's server (a scratch database is created and dropped) or an embedded one
// in a temp dir. Preparation is bulk SQL and is not timed.
import { randomBytes, createHmac } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import {
  childPeakRss,
  cpuSeconds,
  forkChild,
  freePort,
  importDist,
  logger,
  mb,
  median,
  options,
  printBench,
  root,
  runBench,
  secs,
  startPostgres,
  waitForHttp,
  withClient,
} from '../lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const opt = options({
  members: 100_000,
  stocks: 300, // the active pool
  universe: 5000, // stocks with basics (the pool is drawn from them)
  days: 120, // trading days of signals
  tokens: 2000, // distinct members the load is spread over
  connections: 100,
  duration: 10, // seconds per timed run
  warmup: 3, // seconds of load before each timed run (not counted)
  runs: 3, // timed runs of each (ours, baseline alternately)
  rate: 100, // then p50/p99 at this fixed offered rate (open loop, evenly spaced requests), both servers; 0 = skip
  rateFirst: 'ours', // which server's fixed-rate window comes first ('ours' | 'baseline'): to see whether the order matters
  logLevel: 'info', // the API's LOG_LEVEL: info is the production default (one line per request)
  poolSize: 20, // the baseline's pg pool; the app's TypeORM pool is `extra.max` 20 (data-source-options.ts)
  explain: false, // print EXPLAIN ANALYZE of the endpoint's statements for a VIP1 and an SVIP member
  apiMain: 'backend/dist/main.js', // the API entry (relative to the repo root): another build can be tried without touching this one
  apiEnv: '', // extra API settings for experiments, `KEY=value,KEY2=value`
  hold: false, // after preparing, print the URLs and a token, and keep everything up until Ctrl-C (for poking with psql/curl)
  profile: false, // run the API under --cpu-prof; print where its CPU went during the timed runs (figures then carry the profiler's cost)
});
const ACCESS_TTL_SEC = 3600; // passed to the API too, so tokens outlive a slow run
const log = logger('api-read:');
const PATH = '/api/v1/me/stocks';

// ---- data (bulk SQL, not timed) -----------------------------------------------------------------

/** Strategy per VIP level (admins map levels to strategies; mixed here so signals differ by level). */
const LEVEL_STRATEGY = ['cho', 'macd_cross', 'ma_cross', 'rsi_bands', 'composite'];

async function prepare(c) {
  const t0 = Date.now();
  await c.query(`SELECT setseed(0.4242)`);
  // Stock basics: alternating SH 6xxxxx / SZ 00xxxx codes, Chinese names, industries, list dates.
  await c.query(
    `INSERT INTO stocks (ts_code, symbol, name, exchange, industry, list_date, status)
     SELECT sym || '.' || ex, sym, name, ex, ind, date '1995-01-01' + (g * 7 % 9000), 'listed'
       FROM (SELECT g,
                    CASE WHEN g % 2 = 0 THEN (600000 + g / 2)::text ELSE lpad((1 + g / 2)::text, 6, '0') END AS sym,
                    CASE WHEN g % 2 = 0 THEN 'SH' ELSE 'SZ' END AS ex,
                    (ARRAY['平安','招商','浦发','万科','中信','宁德','贵州','格力','美的','长江','海康','恒瑞'])[1 + g % 12] ||
                    (ARRAY['银行','证券','科技','能源','医药','地产','电子','汽车','电力','食品'])[1 + (g / 12) % 10] || (g % 97) AS name,
                    (ARRAY['银行','证券','半导体','新能源','医药','房地产','白酒','汽车','电力','消费电子'])[1 + g % 10] AS ind
               FROM generate_series(0, $1 - 1) g) x`,
    [opt.universe],
  );
  const pool = (
    await c.query(
      `INSERT INTO stock_pools (name, status, starts_on, ends_on, activated_at)
       VALUES ('2026 Q4 精选', 'active', current_date - 20, current_date + 70, now() - interval '20 days') RETURNING id, activated_at`,
    )
  ).rows[0];
  // The pool: every k-th stock of the universe, in code order.
  await c.query(
    `INSERT INTO stock_pool_items (pool_id, ts_code, position)
     SELECT $1, ts_code, row_number() OVER (ORDER BY ts_code) FROM (
       SELECT ts_code FROM (SELECT ts_code, row_number() OVER (ORDER BY ts_code) AS n FROM stocks) s
        WHERE n % $3 = 0 ORDER BY ts_code LIMIT $2) p`,
    [pool.id, opt.stocks, Math.max(1, Math.floor(opt.universe / opt.stocks))],
  );
  // Members: realistic row sizes (argon2id-length hashes, e-mails for most).
  await c.query(
    `INSERT INTO users (username, email, password_hash, role, created_at)
     SELECT 'member' || g, CASE WHEN g % 10 < 7 THEN 'member' || g || '@example.com' END,
            '$argon2id$v=19$m=65536,t=3,p=4$' || encode(sha256(('s' || g)::bytea), 'base64') || '$' || encode(sha256(('h' || g)::bytea), 'base64'),
            'user', now() - (g % 365) * interval '1 day'
       FROM generate_series(1, $1) g`,
    [opt.members],
  );
  // Mixed levels, as the allocation benchmark: 60 % free (5), 20 % VIP1 (10), 10 % VIP2 (20), 7 % VIP3 (50), 3 % SVIP (all).
  await c.query(
    `INSERT INTO subscriptions (user_id, level, starts_at, expires_at, notified_level)
     SELECT id, lvl, now() - interval '30 days', now() + interval '60 days', lvl FROM (
       SELECT id, CASE WHEN r < 60 THEN 0 WHEN r < 80 THEN 1 WHEN r < 90 THEN 2 WHEN r < 97 THEN 3 ELSE 4 END AS lvl
         FROM (SELECT id, (row_number() OVER (ORDER BY username)) % 100 AS r FROM users WHERE role = 'user') x) y
      WHERE lvl > 0`,
  );
  await c.query(`UPDATE vip_levels v SET strategy_id = s.id FROM unnest($1::varchar[]) WITH ORDINALITY AS s(id, n) WHERE v.level = s.n - 1`, [LEVEL_STRATEGY]);
  // One activation draw per member, then quota-many stocks each, spread evenly over the pool.
  await c.query(
    `INSERT INTO draws (user_id, pool_id, reason, seed, snapshot_hash, allocator_version, quota, held, picks, snapshot, created_at)
     SELECT u.id, $1, 'activation', (random() * 4294967295)::bigint, encode(sha256(u.id::text::bytea), 'hex'), 'balanced-v1', l.stock_quota, '[]', '[]', '{}', $2
       FROM users u
       LEFT JOIN subscriptions s ON s.user_id = u.id AND s.expires_at > now()
       JOIN vip_levels l ON l.level = COALESCE(s.level, 0)
      WHERE u.role = 'user' ORDER BY u.id`,
    [pool.id, pool.activated_at],
  );
  const rows = await c.query(
    `WITH items AS (SELECT ts_code, position - 1 AS k, count(*) OVER () AS n FROM stock_pool_items WHERE pool_id = $1),
          n AS (SELECT count(*)::int AS n FROM items),
          m AS (SELECT d.id AS draw_id, d.user_id, row_number() OVER (ORDER BY d.user_id) AS rn, LEAST(COALESCE(d.quota, n.n), n.n) AS q
                  FROM draws d CROSS JOIN n WHERE d.pool_id = $1)
     INSERT INTO allocations (user_id, pool_id, ts_code, draw_id, allocated_at)
     SELECT m.user_id, $1, i.ts_code, m.draw_id, $2
       FROM m CROSS JOIN LATERAL generate_series(0, m.q - 1) j
       JOIN items i ON i.k = (m.rn * 37 + j) % i.n
      ORDER BY m.user_id, j`,
    [pool.id, pool.activated_at],
  );
  await c.query(
    `UPDATE stock_pool_items i SET holders = h.n
       FROM (SELECT ts_code, count(*)::int AS n FROM allocations WHERE pool_id = $1 AND released_at IS NULL GROUP BY ts_code) h
      WHERE i.pool_id = $1 AND i.ts_code = h.ts_code`,
    [pool.id],
  );
  // Signals: the last `days` weekdays before today; all published and chained except the newest,
  // which is still staging (a run in progress: every read must skip it). 5 % of the pool's stocks
  // have no signal (suspended), so latestSignal is null for some rows.
  await c.query(
    `CREATE TEMP TABLE bench_days AS
     SELECT d::date AS d, row_number() OVER (ORDER BY d) AS n FROM (
       SELECT d FROM generate_series(current_date - $1 * 2, current_date - 1, interval '1 day') d
        WHERE extract(isodow FROM d) < 6 ORDER BY d DESC LIMIT $1) x`,
    [opt.days],
  );
  await c.query(
    `INSERT INTO signal_days (trade_date, status, strategies, row_count, payload_hash, prev_hash, chain_hash, seq, published_at)
     SELECT d, CASE WHEN n = $1 THEN 'staging' ELSE 'published' END, $2::jsonb, 0,
            CASE WHEN n < $1 THEN encode(sha256(('p' || d)::bytea), 'hex') END,
            CASE WHEN n < $1 THEN encode(sha256(('q' || d)::bytea), 'hex') END,
            CASE WHEN n < $1 THEN encode(sha256(('c' || d)::bytea), 'hex') END,
            CASE WHEN n < $1 THEN n END,
            CASE WHEN n < $1 THEN d + time '18:30' END
       FROM bench_days`,
    [opt.days, JSON.stringify(Object.fromEntries(LEVEL_STRATEGY.map((s) => [s, 1])))],
  );
  await c.query(
    `INSERT INTO signals (trade_date, ts_code, strategy_id, version, action, score, close, reasons, in_chain)
     SELECT b.d, i.ts_code, st.id, 1, (ARRAY['BUY','SELL','HOLD'])[1 + floor(random() * 3)::int],
            round((random() * 2 - 1)::numeric, 6)::float8, round((5 + random() * 95)::numeric, 4)::float8,
            jsonb_build_array(jsonb_build_object('rule', st.id, 'value', round(random()::numeric, 6))), b.n < $2
       FROM bench_days b
      CROSS JOIN (SELECT ts_code FROM stock_pool_items WHERE pool_id = $1 AND position % 20 <> 7) i
      CROSS JOIN unnest($3::varchar[]) AS st(id)
      ORDER BY b.d, i.ts_code`,
    [pool.id, opt.days, [...new Set(LEVEL_STRATEGY)]],
  );
  // Daily bars of every stock over the same days (GET /me/stocks shows the latest day's change):
  // SH stocks with a pre_close (Tushare), SZ ones without (AKShare: the previous bar's close is used).
  await c.query(
    `INSERT INTO daily_bars (ts_code, trade_date, open, high, low, close, pre_close, volume, amount, source)
     SELECT ts_code, d, c * 0.99, c * 1.02, c * 0.98, c, CASE WHEN ex = 'SH' THEN round((c / (0.95 + random() * 0.1))::numeric, 2)::float8 END,
            1000000, c * 1000000, CASE WHEN ex = 'SH' THEN 'tushare' ELSE 'akshare' END
       FROM (SELECT s.ts_code, s.exchange AS ex, b.d, round((5 + random() * 95)::numeric, 2)::float8 AS c
               FROM stocks s CROSS JOIN bench_days b ORDER BY s.ts_code, b.d) x`,
  );
  await c.query(`UPDATE signal_days d SET row_count = x.n FROM (SELECT trade_date, count(*)::int AS n FROM signals GROUP BY trade_date) x WHERE x.trade_date = d.trade_date`);
  await c.query('VACUUM ANALYZE');
  const counts = (
    await c.query(`SELECT (SELECT count(*)::int FROM users WHERE role = 'user') AS members, (SELECT count(*)::int FROM stock_pool_items) AS pool,
                          (SELECT count(*)::int FROM signals) AS signals, (SELECT count(*)::int FROM daily_bars) AS bars`)
  ).rows[0];
  log(`prepared ${counts.members} members, ${rows.rowCount} allocations over a ${counts.pool}-stock pool (${opt.universe} stocks), ${counts.signals} signals and ${counts.bars} bars over ${opt.days} days in ${secs(Date.now() - t0)} s`);
  return { allocations: rows.rowCount };
}

// ---- tokens -------------------------------------------------------------------------------------

const b64url = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** An access token exactly as TokenService.signAccess makes it (@nestjs/jwt, HS256, same claims). */
function signAccess(secret, user, nowSec) {
  const head = b64url({ alg: 'HS256', typ: 'JWT' });
  const body = b64url({ sub: user.id, role: user.role, username: user.username, typ: 'access', ver: 0, iat: nowSec, exp: nowSec + ACCESS_TTL_SEC });
  return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
}

// ---- servers ------------------------------------------------------------------------------------

async function startApi(scope, dbUrl, secrets) {
  const dir = scope.tempDir('api');
  const port = await freePort();
  const logFile = path.join(dir, 'api.log');
  const fd = openSync(logFile, 'a');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: path.join(dir, 'data'),
    DATABASE_URL: dbUrl,
    JWT_SECRET: secrets.jwt,
    DATA_SECRET_KEY: secrets.data,
    ACCESS_TOKEN_TTL_SEC: String(ACCESS_TTL_SEC),
    ADMIN_PASSWORD: secrets.admin,
    DEMO_DATA: 'false',
    // Crons only enqueue; off so no scheduled job (e.g. the 10-minute VIP sweep) lands inside a timed run.
    SCHEDULER_ENABLED: 'false',
    LOG_LEVEL: opt.logLevel,
    ...Object.fromEntries(opt.apiEnv.split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])),
  };
  // cwd = a temp dir: no developer .env.local is read.
  // --profile: the profile goes to bench/results (git-ignored), to open in Chrome DevTools as well.
  const profileFile = opt.profile ? path.join(root, 'bench/results', `api-read-${Date.now()}.cpuprofile`) : null;
  if (profileFile) mkdirSync(path.dirname(profileFile), { recursive: true });
  const execArgv = profileFile ? ['--cpu-prof', `--cpu-prof-dir=${path.dirname(profileFile)}`, `--cpu-prof-name=${path.basename(profileFile)}`] : [];
  const child = forkChild(scope, path.resolve(root, opt.apiMain), [], { cwd: dir, env, stdio: ['ignore', fd, fd, 'ipc'], execArgv });
  closeSync(fd);
  const tail = () => `\n--- ${logFile} (tail) ---\n${readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')}`;
  await waitForHttp(`http://127.0.0.1:${port}/api/v1/health`, child, { why: tail });
  return { name: 'ours', child, url: `http://127.0.0.1:${port}`, logFile, profileFile, windows: [] };
}

async function startBaseline(scope, dbUrl, secrets) {
  const port = await freePort();
  const { STRATEGY_IDS, DEFAULT_STRATEGY_ID } = await importDist('modules/signals/strategies/registry.js');
  const env = {
    PATH: process.env.PATH,
    PORT: String(port),
    DATABASE_URL: dbUrl,
    JWT_SECRET: secrets.jwt,
    POOL_SIZE: String(opt.poolSize),
    STRATEGY_IDS: STRATEGY_IDS.join(','),
    DEFAULT_STRATEGY: DEFAULT_STRATEGY_ID,
  };
  const child = forkChild(scope, path.join(here, 'baseline-server.mjs'), [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await waitForHttp(`http://127.0.0.1:${port}/health`, child);
  return { name: 'baseline', child, url: `http://127.0.0.1:${port}` };
}

// ---- load ---------------------------------------------------------------------------------------

function load(target, tokens, seconds) {
  let next = 0;
  return autocannon({
    url: target.url,
    connections: opt.connections,
    duration: seconds,
    // closed loop: every connection sends its next request as soon as it has its answer
    requests: [
      {
        method: 'GET',
        path: PATH,
        setupRequest(req) {
          req.headers = { ...req.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` };
          return req;
        },
      },
    ],
  });
}

/**
 * One timed run (after a warm-up); throws when any answer was not 2xx or any request failed. Also
 * the CPU each party used per request (Linux): the target server, PostgreSQL (all its processes),
 * the load generator (this process) — a figure a loaded machine distorts far less than req/s.
 */
async function measure(target, tokens, others, server) {
  for (const [label, seconds] of [['warm-up', opt.warmup], ['timed', opt.duration]]) {
    if (seconds <= 0) continue;
    const pgPids = server.pids();
    const cpu = () => ({
      target: cpuSeconds(target.child.pid),
      others: others.map((o) => cpuSeconds(o.child.pid)),
      pg: new Map(pgPids.map((pid) => [pid, cpuSeconds(pid)])),
      self: process.cpuUsage(),
    });
    const c0 = cpu();
    const from = process.hrtime.bigint() / 1000n; // µs on CLOCK_MONOTONIC, the clock of V8's profile timestamps
    const r = await load(target, tokens, seconds);
    const c1 = cpu();
    if (label === 'timed') target.windows?.push([from, process.hrtime.bigint() / 1000n]);
    const bad = r.non2xx + r.errors + r.timeouts;
    if (bad > 0) {
      throw new Error(`${target.name} ${label} run invalid: non2xx=${r.non2xx} errors=${r.errors} timeouts=${r.timeouts} status codes ${JSON.stringify(r.statusCodeStats)}`);
    }
    if (label === 'timed') {
      const n = r.requests.total;
      const perReq = (s) => (s === null || Number.isNaN(s) ? null : (s * 1000) / n);
      const selfS = (c1.self.user - c0.self.user + c1.self.system - c0.self.system) / 1e6;
      return {
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        total: n,
        bytes: r.throughput.average,
        // PostgreSQL: processes alive at both ends (a backend that exited took its counters with it).
        cpuMs: { server: perReq(c1.target - c0.target), pg: pgPids.length ? perReq(pgPids.reduce((sum, pid) => sum + (c1.pg.get(pid) !== null && c0.pg.get(pid) !== null ? c1.pg.get(pid) - c0.pg.get(pid) : 0), 0)) : null, loadgen: perReq(selfS) },
        idle: others.map((o, i) => `${o.name} ${((((c1.others[i] ?? 0) - (c0.others[i] ?? 0)) / r.duration) * 100).toFixed(1)} % cpu`).join(', '),
      };
    }
  }
  throw new Error('--duration must be > 0');
}

/**
 * Open-loop load: a request every 1/rate s whether or not earlier ones have finished (keep-alive
 * sockets, up to --connections), latency measured from the scheduled send time, so a stall is not
 * hidden by the generator waiting (coordinated omission). autocannon's own rate option sends each
 * connection's quota at the start of every second, i.e. bursts.
 */
async function openLoop(target, tokens, rate, seconds) {
  const { Agent, request } = await import('node:http');
  const agent = new Agent({ keepAlive: true, maxSockets: opt.connections });
  const url = new URL(PATH, target.url);
  const latencies = [];
  let failed = 0;
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const pending = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      new Promise((resolve) => {
        const req = request(url, { agent, headers: { authorization: `Bearer ${tokens[i % tokens.length]}` } }, (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) failed++;
            latencies.push(performance.now() - due);
            resolve();
          });
        });
        req.on('error', () => {
          failed++;
          resolve();
        });
        req.end();
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { failed, p50: q(0.5), p99: q(0.99), served: latencies.length / ((performance.now() - start) / 1000) };
}

// ---- statement trace (embedded server only) -----------------------------------------------------

/**
 * The statements one request makes: log_statement = 'all' server-wide for the length of `fire`,
 * then the log lines (BullMQ's own polling and our ALTER SYSTEM filtered out).
 */
async function traceStatements(server, fire) {
  if (!server.embedded) return null;
  const chunks = [];
  const off = server.onServerLog((line) => chunks.push(line));
  const set = async (sql) => {
    await server.query(sql);
    await server.query('SELECT pg_reload_conf()');
    await new Promise((r) => setTimeout(r, 300)); // backends apply the reload before their next command
  };
  try {
    await set(`ALTER SYSTEM SET log_statement = 'all'`);
    await fire();
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    await set('ALTER SYSTEM RESET log_statement');
    off();
  }
  const statements = [];
  for (const line of chunks.join('\n').split('\n')) {
    const m = /LOG:\s+(?:statement|execute [^:]*):\s*(.*)$/.exec(line);
    if (m) statements.push(m[1]);
    else if (statements.length && !/^\S*\d{4}-\d\d-\d\d /.test(line.replace('[STDERR] ', ''))) statements[statements.length - 1] += ` ${line.trim()}`;
  }
  return statements
    .map((s) => s.replace(/\s+/g, ' ').trim())
    // BullMQ's own polling (every command it sends begins with a `--` comment) and our ALTER SYSTEM.
    .filter((s) => !/^--|bullmq|ALTER SYSTEM|pg_reload_conf/i.test(s));
}

// ---- --explain ----------------------------------------------------------------------------------

async function explain(url, holders) {
  const sql = await import('./baseline-server.mjs?sql-only');
  await withClient(url, async (c) => {
    for (const level of [1, 4]) {
      const u = holders.find((h) => h.level === level);
      if (!u) continue;
      const strategy = (await c.query(`SELECT strategy_id FROM vip_levels WHERE level = $1`, [level])).rows[0].strategy_id;
      const codes = (await c.query(sql.MY_STOCKS_SQL, [u.id, strategy])).rows.map((r) => r.ts_code);
      for (const [name, text, values] of [
        ['user', sql.USER_SQL, [u.id]],
        ['entitlement', sql.ENTITLEMENT_SQL, [[u.id], new Date()]],
        ['my stocks', sql.MY_STOCKS_SQL, [u.id, strategy]],
      ]) {
        const plan = (await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values)).rows.map((r) => r['QUERY PLAN']);
        log(`explain L${level} ${name} (${codes.length} stocks):\n${plan.join('\n')}`);
      }
    }
  });
}

// ---- --profile ----------------------------------------------------------------------------------

/**
 * Stops the API (its profile is written at exit) and prints self time by package and by function,
 * timed runs only. V8 samples on a wall-clock timer: when the machine is short of CPU, a sample
 * lands where the thread resumes (typically right after a socket write), so on a loaded machine
 * treat the shares as rough and prefer `perf record` with NODE_OPTIONS=--perf-basic-prof.
 */
async function summariseProfile(api) {
  api.child.kill('SIGTERM');
  await api.child.exited;
  const prof = JSON.parse(readFileSync(api.profileFile, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map(); // node id → µs
  let t = BigInt(prof.startTime);
  for (let i = 0; i < prof.samples.length; i++) {
    t += BigInt(prof.timeDeltas[i]);
    if (api.windows.some(([a, b]) => t >= a && t <= b)) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + prof.timeDeltas[i]);
  }
  const where = (url) => {
    if (!url) return '(native / V8)';
    if (url.startsWith('node:')) return 'node core';
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (m) return m[1];
    const d = /backend\/dist\/(.*)$/.exec(url);
    return d ? `backend ${d[1].split('/').slice(0, 2).join('/')}` : url;
  };
  const groups = new Map();
  const fns = new Map();
  let busy = 0;
  for (const [id, us] of self) {
    const n = byId.get(id);
    const name = n.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') continue;
    busy += us;
    const g = name === '(garbage collector)' ? '(garbage collector)' : where(n.callFrame.url);
    groups.set(g, (groups.get(g) ?? 0) + us);
    const f = `${name || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    fns.set(f, (fns.get(f) ?? 0) + us);
  }
  const pct = (us) => `${((us / busy) * 100).toFixed(1).padStart(5)} %`;
  log(`profile: ${path.relative(root, api.profileFile)} — ${(busy / 1e6).toFixed(1)} s busy in the timed runs; self time by package:`);
  for (const [g, us] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 18)) log(`  ${pct(us)}  ${g}`);
  log('self time by function:');
  for (const [f, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 30)) log(`  ${pct(us)}  ${f}`);
}

// ---- main ---------------------------------------------------------------------------------------

await runBench(async (scope) => {
  const server = await startPostgres(scope, 'api');
  const db = await server.createDatabase('main');
  const { runMigrations } = await importDist('database/migrate.js');
  await runMigrations(db.url);
  const { allocations } = await withClient(db.url, prepare);

  const secrets = { jwt: randomBytes(48).toString('base64url'), data: randomBytes(48).toString('base64url'), admin: randomBytes(18).toString('base64url') };
  const ours = await startApi(scope, db.url, secrets);
  const base = await startBaseline(scope, db.url, secrets);
  log(`API (pid ${ours.child.pid}, LOG_LEVEL=${opt.logLevel}) at ${ours.url}; baseline (pid ${base.child.pid}) at ${base.url}`);

  // Token holders: a seeded random sample, so their levels mix like the whole membership's.
  const holders = await withClient(db.url, async (c) => {
    await c.query('SELECT setseed(0.17)');
    return (
      await c.query(
        `SELECT u.id, u.username, u.role, COALESCE(s.level, 0) AS level FROM users u LEFT JOIN subscriptions s ON s.user_id = u.id
          WHERE u.role = 'user' ORDER BY random() LIMIT $1`,
        [opt.tokens],
      )
    ).rows;
  });
  const now = Math.floor(Date.now() / 1000);
  const tokens = holders.map((u) => signAccess(secrets.jwt, u, now));
  const mix = [0, 1, 2, 3, 4].map((l) => `L${l} ${holders.filter((h) => h.level === l).length}`).join(', ');
  log(`${tokens.length} members' access tokens (levels: ${mix})`);

  // Same answers: ours and the baseline must return equal bodies.
  let items = 0;
  let withSignal = 0;
  const compared = Math.min(60, tokens.length);
  for (let i = 0; i < compared; i++) {
    const get = async (t) => {
      const res = await fetch(`${t.url}${PATH}`, { headers: { authorization: `Bearer ${tokens[i]}` } });
      if (res.status !== 200) throw new Error(`${t.name}: GET ${PATH} → ${res.status} ${await res.text()}`);
      return res.json();
    };
    const [a, b] = [await get(ours), await get(base)];
    if (!isDeepStrictEqual(a, b)) throw new Error(`baseline answer differs from ours for ${holders[i].username}:\nours ${JSON.stringify(a).slice(0, 600)}\nbase ${JSON.stringify(b).slice(0, 600)}`);
    items += a.items.length;
    withSignal += a.items.filter((x) => x.latestSignal !== null).length;
  }
  log(`answers equal for ${compared} members (${items} stocks, ${withSignal} with a latest signal)`);

  // A VIP1 member (10 stocks) as the traced request.
  const sample = tokens[Math.max(0, holders.findIndex((h) => h.level === 1))];
  const traced = {};
  for (const target of [ours, base]) {
    const statements = await traceStatements(server, async () => {
      const res = await fetch(`${target.url}${PATH}`, { headers: { authorization: `Bearer ${sample}` } });
      await res.arrayBuffer();
    });
    if (statements === null) {
      log('statement trace skipped (needs the embedded server: ALTER SYSTEM)');
      break;
    }
    traced[target.name] = statements;
    log(`${target.name}: ${statements.length} statements for one request`);
    for (const s of statements) log(`  ${s.length > 150 ? `${s.slice(0, 147)}…` : s}`);
  }
  // The baseline carries copies of the endpoint's SQL: when the endpoint's statements change, a
  // stale copy would measure other work. Same statements (order aside: some run side by side) or no run.
  if (traced.ours && traced.baseline) {
    const key = (xs) => [...xs].sort().join('\n');
    if (key(traced.ours) !== key(traced.baseline)) {
      throw new Error('the baseline no longer runs the endpoint\'s statements (see the trace above): update bench/api-read/baseline-server.mjs');
    }
  }

  if (opt.explain) await explain(db.url, holders);
  if (opt.hold) {
    // For experiments against the held servers: the throw-away secret and the tokens, removed at cleanup.
    const file = path.join(scope.tempDir('api-hold'), 'hold.json');
    writeFileSync(file, JSON.stringify({ databaseUrl: db.url, jwtSecret: secrets.jwt, ours: ours.url, baseline: base.url, tokens }));
    log(`holding (Ctrl-C to clean up): DATABASE_URL=${db.url}; secret and tokens in ${file}`);
    log(`curl -H 'authorization: Bearer ${sample}' ${ours.url}${PATH}   (baseline: ${base.url}${PATH})`);
    await new Promise(() => undefined); // runBench's SIGINT handler cleans up
  }
  if (opt.runs < 1) return;

  const results = { ours: [], baseline: [] };
  for (let run = 1; run <= opt.runs; run++) {
    for (const [target, other] of [[ours, base], [base, ours]]) {
      const r = await measure(target, tokens, [other], server);
      results[target.name].push(r);
      const ms = (v) => (v === null ? '?' : v.toFixed(2));
      log(
        `run ${run} ${target.name.padEnd(8)} ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.total} requests, ${(r.bytes / 1048576).toFixed(1)} MB/s; ` +
          `CPU ms/request: server ${ms(r.cpuMs.server)}, PostgreSQL ${ms(r.cpuMs.pg)}, load generator ${ms(r.cpuMs.loadgen)} (idle ${r.idle})`,
      );
    }
  }
  // Closed-loop load saturates the server, so latency there is queueing (Little's law: connections /
  // throughput). Latency at a fixed offered rate is the figure a user would feel at that traffic.
  const atRate = {};
  if (opt.rate > 0) {
    if (!['ours', 'baseline'].includes(opt.rateFirst)) throw new Error(`--rate-first must be ours or baseline (got ${opt.rateFirst})`);
    // One unmeasured window each first: whichever server's window came first right after the
    // closed-loop runs showed a p99 many times its own (ours first: ours 87-103 ms, bare 20-23;
    // bare first: bare 694 ms, ours 34) - the machine settling, not either server.
    for (const target of [ours, base]) await openLoop(target, tokens, opt.rate, opt.duration);
    for (const target of opt.rateFirst === 'ours' ? [ours, base] : [base, ours]) {
      // Warm-up at the same rate first, as before the closed-loop runs: the server sat idle while the
      // other one ran, so its database pool had let connections go (new ones cost a SCRAM handshake).
      if (opt.warmup > 0) await openLoop(target, tokens, opt.rate, opt.warmup);
      // Flush what the preparation and the closed-loop runs left dirty, so a checkpoint's write-out
      // does not land in one server's 10 s window (at 1,000 requests, p99 is the 10th slowest).
      await withClient(db.url, (c) => c.query('CHECKPOINT'));
      const r = await openLoop(target, tokens, opt.rate, opt.duration);
      if (r.failed > 0) throw new Error(`${target.name} at ${opt.rate} req/s: ${r.failed} requests failed or were not 200`);
      atRate[target.name] = r;
      log(`open loop at ${opt.rate} req/s: ${target.name.padEnd(8)} p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (${r.served.toFixed(0)} req/s served)`);
    }
  }
  const cpuMedian = (name, key) => {
    const xs = results[name].map((r) => r.cpuMs[key]).filter((v) => v !== null);
    return xs.length ? `${median(xs).toFixed(2)}` : '?';
  };
  log(
    `CPU ms per request (medians): API ${cpuMedian('ours', 'server')} vs baseline server ${cpuMedian('baseline', 'server')}; ` +
      `PostgreSQL ${cpuMedian('ours', 'pg')} (ours) vs ${cpuMedian('baseline', 'pg')} (baseline); load generator ${cpuMedian('ours', 'loadgen')} / ${cpuMedian('baseline', 'loadgen')}`,
  );
  const rss = childPeakRss(ours.child.pid);
  const baseRss = childPeakRss(base.child.pid);
  const rps = median(results.ours.map((r) => r.rps));
  const p99 = median(results.ours.map((r) => r.p99));
  const baseRps = median(results.baseline.map((r) => r.rps));
  const baseP99 = median(results.baseline.map((r) => r.p99));
  const ratio = rps / baseRps;
  log(`peak RSS: API ${rss === null ? '?' : mb(rss)} MB, baseline ${baseRss === null ? '?' : mb(baseRss)} MB; ${allocations} allocations in the database; non-2xx 0`);
  if (opt.profile) await summariseProfile(ours);
  // p99 < 50 ms is judged at the fixed offered rate: with 100 connections always busy, p99 is
  // queueing (connections / throughput) — even the bare baseline is far above 50 ms there.
  const rateP99 = atRate.ours?.p99 ?? null;
  const misses = [ratio < 0.5 && `ratio ${ratio.toFixed(2)} < 0.5`, rateP99 !== null && rateP99 >= 50 && `p99 at ${opt.rate} req/s ${rateP99.toFixed(1)} ms ≥ 50 ms`].filter(Boolean);
  if (misses.length) log(`target missed: ${misses.join(', ')}`);
  printBench('api-read', {
    members: opt.members,
    connections: opt.connections,
    duration: `${opt.duration}s`,
    rps: rps.toFixed(0),
    p99: `${p99}ms`,
    baseline_rps: baseRps.toFixed(0),
    baseline_p99: `${baseP99}ms`,
    ...(atRate.ours && atRate.baseline
      ? { [`p99_at_${opt.rate}rps`]: `${atRate.ours.p99.toFixed(1)}ms`, [`baseline_p99_at_${opt.rate}rps`]: `${atRate.baseline.p99.toFixed(1)}ms` }
      : {}),
    ratio: ratio.toFixed(2),
    rss: `${rss === null ? '?' : mb(rss)}MB`,
  });
});
