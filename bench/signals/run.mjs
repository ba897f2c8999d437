#!/usr/bin/env node
// BENCH signals: compute every strategy for 5,000 stocks × 300 bars read from PostgreSQL through the
// real run code (SignalRunService.runDay inside the real Nest app, backend/dist: bars streamed
// through MarketDataService with forward adjustment, all 7 strategies evaluated per stock, rows
// written, the day published and appended to the hash chain, forward returns filled), against a
// same-run baseline that only streams the same bars (same SQL shape and batches, pg array mode) out
// of the database and does nothing with them.
//
//   node bench/signals/run.mjs [--stocks 5000] [--bars 300] [--runs 3] [--explain]   (or BENCH_STOCKS=… etc.)
//
// PostgreSQL: DATABASE_URL (a scratch database is created and dropped) or an embedded server in a
// temp dir. Data is generated inside PostgreSQL (seeded random walks, factors with a split step).
import pg from 'pg';
import { importDist, logger, mb, median, options, printBench, runBench, sampleRss, startPostgres } from '../lib.mjs';

const opt = options({ stocks: 5000, bars: 300, runs: 3, explain: false });
const STOCKS = opt.stocks;
const BARS = opt.bars;
const RUNS = Math.max(1, opt.runs);
const LAST_DATE = '2025-12-31';
const log = logger('signals:');

// The baseline streams with the very query MarketDataService uses.
const { BARS_SQL } = await importDist('modules/market-data/market-data.store.js');

async function seed(db) {
  const t0 = performance.now();
  await db.query(`SELECT setseed(0.42)`);
  await db.query(
    `INSERT INTO stocks (ts_code, symbol, name, exchange, industry, list_date, status)
     SELECT lpad(i::text, 6, '0') || '.SZ', lpad(i::text, 6, '0'), 'Bench ' || i, 'SZ', 'bench', '2000-01-01', 'listed' FROM generate_series(1, $1) i`,
    [STOCKS],
  );
  await db.query(
    `CREATE TEMP TABLE bench_days AS
     SELECT d::date AS d, row_number() OVER (ORDER BY d) AS n FROM (
       SELECT d FROM generate_series($1::date - interval '${Math.ceil(BARS * 1.6)} days', $1::date, interval '1 day') d
        WHERE extract(isodow FROM d) < 6 ORDER BY d DESC LIMIT $2) x`,
    [LAST_DATE, BARS],
  );
  await db.query(`INSERT INTO trade_calendar (cal_date, is_open, source, updated_at) SELECT d, true, 'bench', now() FROM bench_days`);
  await db.query(
    `INSERT INTO daily_bars (ts_code, trade_date, open, high, low, close, pre_close, volume, amount, source)
     SELECT code, d, o, greatest(o, c) * (1 + u2 * 0.02), least(o, c) * (1 - u3 * 0.02), c, NULL, v, v * c, 'bench'
       FROM (SELECT code, d, c, c * (1 + (u1 - 0.5) * 0.01) AS o, u2, u3, (500000 + u1 * 2000000)::bigint AS v
               FROM (SELECT code, d, round((10 * exp(sum(r) OVER (PARTITION BY code ORDER BY d)))::numeric, 2)::float8 AS c, u1, u2, u3
                       FROM (SELECT lpad(i::text, 6, '0') || '.SZ' AS code, b.d, (random() - 0.5) * 0.05 AS r, random() AS u1, random() AS u2, random() AS u3
                               FROM generate_series(1, $1) i CROSS JOIN bench_days b) raw) walk) bars`,
    [STOCKS],
  );
  // Factor 1, with a 10-for-10 bonus issue (factor 2) half way through for every 7th stock.
  await db.query(
    `INSERT INTO adj_factors (ts_code, trade_date, factor, source)
     SELECT b.ts_code, b.trade_date, CASE WHEN substr(b.ts_code, 1, 6)::int % 7 = 0 AND d.n > $1 THEN 2 ELSE 1 END, 'bench'
       FROM daily_bars b JOIN bench_days d ON d.d = b.trade_date`,
    [Math.floor(BARS / 2)],
  );
  const pool = await db.query(`INSERT INTO stock_pools (name, status, starts_on, ends_on, activated_at) VALUES ('Bench pool', 'active', '2025-10-01', '2025-12-31', now()) RETURNING id`);
  await db.query(
    `INSERT INTO stock_pool_items (pool_id, ts_code, position) SELECT $1, ts_code, row_number() OVER (ORDER BY ts_code) FROM stocks`,
    [pool.rows[0].id],
  );
  await db.query('ANALYZE');
  const range = (await db.query(`SELECT min(d)::text AS first, max(d)::text AS last, count(*)::int AS n FROM bench_days`)).rows[0];
  log(`seeded ${STOCKS} stocks × ${range.n} bars (${range.first}..${range.last}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return range;
}

/** The irreducible part: the same bars, same SQL and batches, read to the end and dropped. */
async function baseline(dbUrl, codes, from, to) {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const t0 = performance.now();
  let rows = 0;
  for (let i = 0; i < codes.length; i += 500) {
    const r = await client.query({ text: BARS_SQL, values: [codes.slice(i, i + 500), from, to], rowMode: 'array' });
    rows += r.rows.length;
  }
  const s = (performance.now() - t0) / 1000;
  await client.end();
  return { s, rows };
}

await runBench(async (scope) => {
  const server = await startPostgres(scope, 'signals');
  const { url: dbUrl } = await server.createDatabase('main');
  const { runMigrations } = await importDist('database/migrate.js');
  await runMigrations(dbUrl);
  const db = new pg.Pool({ connectionString: dbUrl, max: 2 });
  scope.defer(() => db.end(), 'close pool');
  const range = await seed(db);
  const { loadConfig } = await importDist('config/config.js');
  const { createApp } = await importDist('bootstrap.js');
  const { SignalRunService } = await importDist('modules/signals/runs/signal-run.service.js');
  const { STRATEGY_IDS } = await importDist('modules/signals/strategies/registry.js');
  const { lookbackCalendarDays } = await importDist('modules/signals/config/lookback.js');
  const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: scope.tempDir('signals-data'), DATABASE_URL: dbUrl, SCHEDULER_ENABLED: 'false', DEMO_DATA: 'false', LOG_LEVEL: 'warn' });
  const app = await createApp({ config, databaseUrl: dbUrl, serveSpas: false });
  scope.defer(() => app.close(), 'close the app');
  await app.init();
  const runs = app.get(SignalRunService);
  const T = range.last;
  const codes = (await db.query('SELECT ts_code FROM stocks ORDER BY ts_code')).rows.map((r) => r.ts_code);
  // The window the run reads for the default parameters (the same for the baseline).
  const from = new Date(Date.parse(`${T}T00:00:00Z`) - lookbackCalendarDays({}) * 86_400_000).toISOString().slice(0, 10);

  const rss = sampleRss(50);
  const ours = [];
  const base = [];
  let result = null;
  let baseRows = 0;
  if (opt.explain) {
    const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${BARS_SQL}`, [codes.slice(0, 500), from, T]);
    log(plan.rows.map((r) => r['QUERY PLAN']).join('\n').replace(/'\{[^}]*\}'/g, '…'));
  }
  // Warm-up (JIT, caches), not timed.
  await baseline(dbUrl, codes, from, T);
  for (let run = 0; run <= RUNS; run++) {
    await db.query('TRUNCATE signals, signal_days, signal_returns, signal_staging');
    globalThis.gc?.();
    const t0 = performance.now();
    result = await runs.runDay(null, T, { strategyIds: STRATEGY_IDS });
    const s = (performance.now() - t0) / 1000;
    const b = await baseline(dbUrl, codes, from, T);
    baseRows = b.rows;
    if (run === 0) {
      log(`warm-up run ${s.toFixed(2)} s (not counted)`);
      continue;
    }
    ours.push(s);
    base.push(b.s);
    log(`run ${run}: signals ${s.toFixed(2)} s, baseline ${b.s.toFixed(2)} s (${b.rows} bars); parts ms ${JSON.stringify(result.timings)}`);
  }
  const peakRss = rss.stop();
  const rows = (await db.query('SELECT count(*)::int AS n FROM signals')).rows[0].n;
  const day = (await db.query('SELECT status, row_count, seq FROM signal_days')).rows[0];
  if (result.processed !== STOCKS || result.failed !== 0 || rows !== STOCKS * STRATEGY_IDS.length || day?.status !== 'published') {
    throw new Error(`run incomplete: ${JSON.stringify({ result, rows, day })}`);
  }
  const time = median(ours);
  const baselineTime = median(base);
  log(`${rows} signals (${STRATEGY_IDS.length} strategies), ${baseRows} bars streamed; day published, chained (${day.row_count} rows)`);
  printBench('signals', {
    stocks: STOCKS,
    bars: BARS,
    time: `${time.toFixed(2)}s`,
    baseline: `${baselineTime.toFixed(2)}s`,
    ratio: (time / baselineTime).toFixed(2),
    strategies: STRATEGY_IDS.length,
    rows,
    rss: `${mb(peakRss)}MB`,
  });
});
