#!/usr/bin/env node
// BENCH market-sync: sync 250 trade dates of a ~5,000-stock market from the Tushare fake into real
// PostgreSQL through the real sync code (MarketSyncService inside the real Nest app, backend/dist),
// against a same-run baseline making the same HTTP round trips with no processing at all.
//
//   node bench/market-sync/run.mjs [--dates 250] [--universe 5000] [--runs 3]   (or BENCH_DATES=… etc.)
//
// Each run times our sync and then the baseline back to back; the ratio is the median of the runs'
// ratios (pairs taken close together cancel most of a shared machine's load drift).
//
// The fake is TypeScript under backend/test/fakes; it is compiled with the project's tsc into
// bench/market-sync/.build (git-ignored, rebuilt when a source is newer) and run in a child process,
// as a remote server would be. PostgreSQL: DATABASE_URL (a scratch database is created and dropped)
// or an embedded server in a temp dir. The local Tushare rate limit (200/min) is switched off: it
// models a real account's quota, not our cost, and the fake has none.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { forkChild, importDist, logger, mb, median, options, printBench, root, runBench, sampleRss, startPostgres } from '../lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const opt = options({ dates: 250, universe: 5000, runs: 3 });
const DATES = opt.dates;
const UNIVERSE = opt.universe;
const RUNS = Math.max(1, opt.runs);
const LAST_DATE = '2025-12-31';
const TOKEN = 'f'.repeat(56); // the fake's valid token (TUSHARE_FAKE_TOKEN)
const log = logger('market-sync:');

function newestMtime(p) {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

/** Compiles the Tushare fake (and the pure domain code it imports) with the project's tsc. */
function compileFake() {
  const out = path.join(here, '.build');
  const entry = path.join(out, 'test/fakes/tushare-fake.js');
  const sources = [path.join(root, 'backend/test/fakes'), path.join(root, 'backend/src/modules/market-data/domain')];
  if (existsSync(entry) && statSync(entry).mtimeMs > Math.max(...sources.map(newestMtime))) return;
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const args = [tsc, '--outDir', out, '--rootDir', path.join(root, 'backend'), '--module', 'NodeNext', '--moduleResolution', 'NodeNext',
    '--target', 'ES2022', '--skipLibCheck', '--types', 'node', '--strict', 'false', '--noEmitOnError', 'false',
    path.join(root, 'backend/test/fakes/tushare-fake.ts')];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (!existsSync(entry)) throw new Error(`compiling the Tushare fake failed (tsc exit ${r.status})`);
}

function startFake(scope, epoch) {
  const child = forkChild(scope, path.join(here, 'fake-server.mjs'), [], { env: { ...process.env, UNIVERSE_SIZE: String(UNIVERSE), LAST_DATE, EPOCH: epoch }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (message, key) =>
    new Promise((resolve) => {
      const on = (m) => {
        if (m && key in m) {
          child.off('message', on);
          resolve(m);
        }
      };
      child.on('message', on);
      child.send(message);
    });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, url: m.url, universe: m.universe, calls: async () => (await ask('calls', 'calls')).calls, reset: () => ask('reset', 'reset') }));
    child.once('exit', (code) => reject(new Error(`fake server exited (${code})`)));
  });
}

/** The irreducible part: the same POSTs in the same order, each body read to the end, nothing else. */
async function baseline(url, from, to, dates) {
  const post = async (api, params, fields) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ api_name: api, token: TOKEN, params, fields }) });
    await res.text();
  };
  const compact = (d) => d.replaceAll('-', '');
  const started = performance.now();
  await post('trade_cal', { exchange: 'SSE', start_date: compact(from), end_date: compact(to) }, 'exchange,cal_date,is_open');
  for (const status of ['L', 'D', 'P']) await post('stock_basic', { list_status: status }, 'ts_code,symbol,name,industry,market,exchange,list_status,list_date,delist_date');
  for (const d of dates) {
    await post('daily', { trade_date: compact(d) }, 'ts_code,trade_date,open,high,low,close,pre_close,vol,amount');
    await post('adj_factor', { trade_date: compact(d) }, 'ts_code,trade_date,adj_factor');
  }
  return (performance.now() - started) / 1000;
}

await runBench(async (scope) => {
  compileFake();
  const { DemoMarket } = await importDist('modules/market-data/domain/demo-market.js');
  const calendar = new DemoMarket([]);
  const dates = [];
  for (let d = new Date(`${LAST_DATE}T00:00:00Z`); dates.length < DATES; d = new Date(d.getTime() - 86_400_000)) {
    const iso = d.toISOString().slice(0, 10);
    if (calendar.isTradingDay(iso)) dates.unshift(iso);
  }
  const from = dates[0];
  const to = dates.at(-1);
  // The synthetic market starts a month before the range: history it never serves would only cost the fake memory.
  const epoch = new Date(Date.parse(`${from}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
  const fake = await startFake(scope, epoch);
  scope.defer(() => fake.child.connected && fake.child.send('close'), 'close the fake');
  log(`fake Tushare at ${fake.url} with ${fake.universe} stocks; ${DATES} trade dates ${from}..${to}`);

  const server = await startPostgres(scope, 'sync');
  const { url: dbUrl } = await server.createDatabase('main');
  const { runMigrations } = await importDist('database/migrate.js');
  await runMigrations(dbUrl);

  const { loadConfig } = await importDist('config/config.js');
  const { createApp } = await importDist('bootstrap.js');
  const { MarketSyncService } = await importDist('modules/market-data/sync/market-sync.service.js');
  const { DataSourcesService } = await importDist('modules/market-data/data-sources/data-sources.service.js');
  const config = loadConfig({
    NODE_ENV: 'development',
    DATA_DIR: scope.tempDir('sync-data'),
    DATABASE_URL: dbUrl,
    TUSHARE_TOKEN: TOKEN,
    TUSHARE_BASE_URL: fake.url,
    SCHEDULER_ENABLED: 'false',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
  });
  const app = await createApp({ config, databaseUrl: dbUrl, serveSpas: false });
  scope.defer(() => app.close(), 'close the app');
  await app.init();
  await app.get(DataSourcesService).applyTuning({ providers: { tushare: { rateLimit: null } } });
  const db = new pg.Pool({ connectionString: dbUrl, max: 2 });
  scope.defer(() => db.end(), 'close pool');

  const rss = sampleRss(100);
  // Warm-up: the fake generates its synthetic market lazily; pay that once, outside every timing.
  log(`warm-up (fake generates ${DATES} days × ${fake.universe} stocks)…`);
  await baseline(fake.url, from, to, dates);

  const ours = [];
  const base = [];
  let calls = null;
  for (let run = 1; run <= RUNS; run++) {
    await db.query('TRUNCATE daily_bars, adj_factors, market_sync_dates, trade_calendar');
    const id = (await db.query(`INSERT INTO job_records (id, kind, status, params, result) VALUES (gen_random_uuid(), 'market-data.sync', 'queued', $1, '{}') RETURNING id`, [{ from, to }])).rows[0].id;
    await fake.reset();
    const t0 = performance.now();
    await app.get(MarketSyncService).run(id, { from, to });
    ours.push((performance.now() - t0) / 1000);
    calls = await fake.calls();
    base.push(await baseline(fake.url, from, to, dates));
    log(`run ${run}: sync ${ours.at(-1).toFixed(2)} s, baseline ${base.at(-1).toFixed(2)} s`);
  }
  const job = (await db.query('SELECT status, total, processed, failed FROM job_records ORDER BY created_at DESC LIMIT 1')).rows[0];
  const stored = (await db.query(`SELECT (SELECT count(*)::int FROM daily_bars) AS bars, (SELECT count(*)::int FROM adj_factors) AS factors,
    (SELECT count(*)::int FROM market_sync_dates WHERE bars_complete AND factors_complete) AS complete`)).rows[0];
  const perDate = (calls.daily ?? 0) + (calls.adj_factor ?? 0);
  log(`job ${job.status} ${job.processed}/${job.total} (failed ${job.failed}); stored ${stored.bars} bars, ${stored.factors} factors, ${stored.complete} complete dates`);
  log(`upstream calls: daily ${calls.daily}, adj_factor ${calls.adj_factor} (+ trade_cal ${calls.trade_cal}, stock_basic ${calls.stock_basic}: once per sync)`);
  if (job.status !== 'done' || stored.complete !== DATES || perDate !== 2 * DATES) {
    throw new Error(`sync incomplete or wrong call count: ${JSON.stringify({ job, stored, calls })}`);
  }
  const time = median(ours);
  const baselineTime = median(base);
  const ratio = median(ours.map((o, i) => o / base[i]));
  printBench('market-sync', {
    dates: DATES,
    calls: perDate,
    time: `${time.toFixed(2)}s`,
    baseline: `${baselineTime.toFixed(2)}s`,
    ratio: ratio.toFixed(2),
    universe: fake.universe,
    rows: stored.bars,
    rss: `${mb(rss.stop())}MB`,
  });
});
