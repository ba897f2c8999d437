#!/usr/bin/env node
// Benchmark: allocate 100,000 members (mixed VIP levels) over a 300-stock pool with the real
// activation code path (PoolActivationService.reallocate — what the BullMQ job runs), against a
// same-run baseline: one INSERT … SELECT writing the same number of allocation rows into the same
// table (same indexes and foreign keys), on an identical clone of the prepared database.
//
//   node bench/allocation/run.mjs [--users 100000] [--stocks 300] [--profile]
//
// Uses DATABASE_URL's server when set, else an embedded PostgreSQL in a temp dir. Needs a built
// backend (node scripts/build.mjs).
import 'reflect-metadata';
import { Writable } from 'node:stream';
import { importDist, logger, mb, options, printBench, runBench, sampleRss, secs, startPostgres, withClient } from '../lib.mjs';

const opt = options({ users: 100_000, stocks: 300, profile: false });
const USERS = opt.users;
const STOCKS = opt.stocks;
const PROFILE = opt.profile;

const { runMigrations } = await importDist('database/migrate.js');
const { createApp } = await importDist('bootstrap.js');
const { loadConfig } = await importDist('config/config.js');
const { PoolActivationService } = await importDist('modules/allocation/pool-activation.service.js');
const { AllocationStore } = await importDist('modules/allocation/allocation.store.js');
const { StockPoolService } = await importDist('modules/stock-pool/stock-pool.service.js');
const { VipEntitlements } = await importDist('modules/vip/vip-entitlements.service.js');
const { BalancedAllocator } = await importDist('modules/allocation/domain/balanced-allocator.js');
const { AllocationExportService } = await importDist('modules/allocation/allocation-export.service.js');

/** A response stand-in that counts bytes and acknowledges each write on the next turn (backpressure). */
class Sink extends Writable {
  bytes = 0;
  constructor() {
    super({ highWaterMark: 64 * 1024 });
  }
  status() {
    return this;
  }
  setHeader() {}
  _write(chunk, _enc, cb) {
    this.bytes += chunk.length;
    setImmediate(cb);
  }
}

const log = logger('  ');

await runBench(async (scope) => {
  const server = await startPostgres(scope, 'alloc');
  // ---- prepare (not timed) -----------------------------------------------------------------
  let t = Date.now();
  // The template is migrated and filled once; ours and the baseline each run on a clone of it.
  const tpl = await server.createDatabase('tpl');
  await runMigrations(tpl.url);
  const poolId = await withClient(tpl.url, async (c) => {
    await c.query(
      `INSERT INTO stocks (ts_code, symbol, name, exchange, status)
       SELECT lpad((600000 + g)::text, 6, '0') || '.SH', lpad((600000 + g)::text, 6, '0'), 'BENCH' || g, 'SH', 'listed'
         FROM generate_series(0, $1 - 1) g`,
      [STOCKS],
    );
    const pool = await c.query(`INSERT INTO stock_pools (name, status, starts_on, ends_on) VALUES ('bench', 'draft', '2026-10-01', '2026-12-31') RETURNING id`);
    const id = pool.rows[0].id;
    await c.query(`INSERT INTO stock_pool_items (pool_id, ts_code, position) SELECT $1, ts_code, row_number() OVER (ORDER BY ts_code) FROM stocks`, [id]);
    await c.query(`INSERT INTO users (username, password_hash, role) SELECT 'bench_' || g, 'x', 'user' FROM generate_series(1, $1) g`, [USERS]);
    // Mixed levels: 60 % free (5), 20 % VIP1 (10), 10 % VIP2 (20), 7 % VIP3 (50), 3 % SVIP (all).
    await c.query(
      `INSERT INTO subscriptions (user_id, level, starts_at, expires_at, notified_level)
       SELECT id, lvl, now(), now() + interval '90 days', lvl FROM (
         SELECT id, CASE WHEN r < 60 THEN 0 WHEN r < 80 THEN 1 WHEN r < 90 THEN 2 WHEN r < 97 THEN 3 ELSE 4 END AS lvl
           FROM (SELECT id, (row_number() OVER (ORDER BY username)) % 100 AS r FROM users) x) y
        WHERE lvl > 0`,
    );
    await c.query('VACUUM ANALYZE');
    return id;
  });
  // BullMQ's schema too, so the app context starts the same way in both clones.
  const { Queue, createPostgresBackend } = await import('bullmq');
  const q = new Queue('warmup', { connection: { connectionString: tpl.url, schema: 'bullmq', migrate: true, max: 1 } }, createPostgresBackend);
  await q.getJobCounts();
  await q.close();
  const ours = await server.createDatabase('ours', { template: tpl.name });
  const base = await server.createDatabase('base', { template: tpl.name });
  log(`prepared ${USERS} members, ${STOCKS}-stock pool in ${secs(Date.now() - t)} s`);

  // ---- ours: the activation job's core ------------------------------------------------------
  const jobId = '00000000-0000-4000-8000-0000000be9c4';
  await withClient(ours.url, async (c) => {
    await c.query(`UPDATE stock_pools SET status = 'active', activated_at = now(), activation_job_id = $2 WHERE id = $1`, [poolId, jobId]);
    await c.query(`INSERT INTO job_records (id, kind, status, params, result) VALUES ($1, 'pool.activate', 'queued', '{}', '{}')`, [jobId]);
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: scope.tempDir('alloc-data'),
    DATABASE_URL: ours.url,
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'false',
    SCHEDULER_ENABLED: 'false',
  });
  let app = await createApp({ config, databaseUrl: ours.url, serveSpas: false });
  scope.defer(() => app?.close(), 'close the app');
  await app.init();
  const activation = app.get(PoolActivationService);
  // --profile: total time per step of the activation (where the time goes).
  const spent = new Map();
  const wrap = (obj, names, label) => {
    for (const n of names) {
      const fn = obj[n];
      obj[n] = async function (...a) {
        const t0 = performance.now();
        try {
          return await fn.apply(this, a);
        } finally {
          const k = `${label}.${n}`;
          spent.set(k, (spent.get(k) ?? 0) + performance.now() - t0);
        }
      };
    }
  };
  if (PROFILE) {
    wrap(app.get(AllocationStore), ['memberIds', 'membersHolding', 'insertBatch', 'insertBatchDraws', 'releaseOutsidePool', 'releaseOutsidePoolFor', 'countActiveByStock', 'countMembers'], 'store');
    wrap(app.get(StockPoolService), ['snapshotRows', 'adjustHolders', 'setHolders', 'getPool'], 'pools');
    wrap(app.get(VipEntitlements), ['forUsers'], 'entitlements');
    const orig = BalancedAllocator.prototype.allocateMany;
    BalancedAllocator.prototype.allocateMany = function (...a) {
      const t0 = performance.now();
      try {
        return orig.apply(this, a);
      } finally {
        spent.set('allocator.allocateMany', (spent.get('allocator.allocateMany') ?? 0) + performance.now() - t0);
      }
    };
  }
  global.gc?.();
  const rss = sampleRss(20);
  t = Date.now();
  const result = await activation.reallocate(poolId, { jobId });
  const oursMs = Date.now() - t;
  const peak = rss.stop();
  // Export streaming: VIP1 members' rows (20 % × 10 stocks) as JSON and as XLSX; peak RSS above
  // the level before must stay flat (it does not grow with the row count).
  const exporter = app.get(AllocationExportService);
  for (const format of ['json', 'xlsx']) {
    global.gc?.();
    const before = process.memoryUsage().rss;
    const exportRss = sampleRss(20);
    const sink = new Sink();
    const finished = new Promise((r) => sink.on('finish', r));
    const t1 = Date.now();
    await exporter.export({ vipLevel: 1, format }, sink);
    await finished;
    const top = exportRss.stop();
    const n = Math.round(USERS * 0.2) * 10;
    log(`export ${format}: ${n} rows, ${(sink.bytes / 1024 / 1024).toFixed(1)} MB in ${secs(Date.now() - t1)} s, rss +${Math.round((top - before) / 1024 / 1024)} MB`);
  }
  await app.close();
  app = null;
  if (PROFILE) for (const [k, ms] of [...spent].sort((a, b) => b[1] - a[1])) log(`profile ${k.padEnd(28)} ${secs(ms)} s`);
  const check = await withClient(ours.url, async (c) => {
    const rows = (await c.query(`SELECT count(*)::int AS n FROM allocations WHERE pool_id = $1`, [poolId])).rows[0].n;
    const job = (await c.query(`SELECT status, total, processed FROM job_records WHERE id = $1`, [jobId])).rows[0];
    const spread = (await c.query(`SELECT max(holders) - min(holders) AS d FROM stock_pool_items WHERE pool_id = $1`, [poolId])).rows[0].d;
    const wrong = (
      await c.query(
        `SELECT count(*)::int AS n FROM (
           SELECT u.id, (SELECT count(*) FROM allocations a WHERE a.user_id = u.id AND a.released_at IS NULL) AS got, l.stock_quota AS q
             FROM users u
             LEFT JOIN subscriptions s ON s.user_id = u.id AND s.expires_at > now()
             JOIN vip_levels l ON l.level = COALESCE(s.level, 0)
            WHERE u.role = 'user') x
          WHERE got <> LEAST(COALESCE(q, $1), $1)`,
        [STOCKS],
      )
    ).rows[0].n;
    return { rows, job, spread, wrong };
  });
  if (check.rows !== result.allocations || check.job.status !== 'done' || check.job.processed !== USERS || check.wrong !== 0) {
    throw new Error(`activation result is wrong: ${JSON.stringify({ result, check })}`);
  }
  log(`ours: ${result.members} members, ${result.draws} draws, ${result.allocations} allocations in ${secs(oursMs)} s (holder spread ${check.spread}, job ${check.job.status} ${check.job.processed}/${check.job.total})`);

  // ---- baseline: one INSERT … SELECT of the same number of rows -----------------------------
  const baseMs = await withClient(base.url, async (c) => {
    await c.query(`UPDATE stock_pools SET status = 'active', activated_at = now() WHERE id = $1`, [poolId]);
    // One draw row per member so the rows satisfy the same foreign keys (not timed).
    await c.query(
      `INSERT INTO draws (user_id, pool_id, reason, seed, snapshot_hash, allocator_version, quota, held, picks, snapshot, created_at)
       SELECT id, $1, 'activation', 0, repeat('0', 64), 'baseline', NULL, '[]', '[]', '{}', now() FROM users WHERE role = 'user'`,
      [poolId],
    );
    await c.query('VACUUM ANALYZE draws');
    const t0 = Date.now();
    const r = await c.query(
      `INSERT INTO allocations (user_id, pool_id, ts_code, draw_id, allocated_at)
       SELECT d.user_id, d.pool_id, i.ts_code, d.id, now()
         FROM draws d
         LEFT JOIN subscriptions s ON s.user_id = d.user_id AND s.expires_at > now()
         JOIN vip_levels l ON l.level = COALESCE(s.level, 0)
         JOIN stock_pool_items i ON i.pool_id = d.pool_id AND i.position <= COALESCE(l.stock_quota, 2147483647)
        ORDER BY d.user_id, i.position`,
    );
    const ms = Date.now() - t0;
    if (r.rowCount !== result.allocations) throw new Error(`baseline wrote ${r.rowCount} rows, ours ${result.allocations}`);
    return ms;
  });
  log(`baseline: INSERT … SELECT of ${result.allocations} rows in ${secs(baseMs)} s`);
  printBench('allocation', {
    users: USERS,
    rows: result.allocations,
    time: `${secs(oursMs)}s`,
    baseline: `${secs(baseMs)}s`,
    ratio: (oursMs / baseMs).toFixed(2),
    rss: `${mb(peak)}MB`,
  });
});
