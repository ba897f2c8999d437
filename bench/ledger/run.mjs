#!/usr/bin/env node
// Benchmark: 20,000 concurrent transfers over 200 agent accounts through LedgerService (random
// pairs and amounts, some refused for insufficient funds), against a same-run baseline of 20,000
// single-row `UPDATE … SET balance = balance ± x` pairs (one transaction per pair, rows updated in
// id order) on a plain 200-row table, with the same number of connections. The invariant check
// must pass afterwards.
//
//   node bench/ledger/run.mjs [--transfers 20000] [--accounts 200] [--concurrency 16] [--two-phase]
//
// --two-phase times the agent route's operation instead (LedgerOperationsService.transfer: freeze
// in one transaction, post in a second, risk rules read) — two transactions per transfer.
import 'reflect-metadata';
import pg from 'pg';
import { importDist, logger, options, printBench, runBench, secs, startPostgres, withClient } from '../lib.mjs';

const opt = options({ transfers: 20_000, accounts: 200, concurrency: 16, twoPhase: false, seed: 7 });
const log = logger('  ');

const { runMigrations } = await importDist('database/migrate.js');
const { createApp } = await importDist('bootstrap.js');
const { loadConfig } = await importDist('config/config.js');
const { LedgerService } = await importDist('modules/ledger/ledger.service.js');
const { LedgerOperationsService } = await importDist('modules/ledger/ledger-operations.service.js');
const { LedgerReportsService } = await importDist('modules/ledger/ledger-reports.service.js');

/** mulberry32: the same pairs and amounts for ours and the baseline. */
function prng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `n` tasks with at most `c` in flight. */
async function pool(n, c, task) {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: c }, worker));
}

await runBench(async (scope) => {
  const server = await startPostgres(scope, 'ledger');
  const tpl = await server.createDatabase('tpl');
  await runMigrations(tpl.url);
  const agentIds = await withClient(tpl.url, async (c) => {
    const r = await c.query(`INSERT INTO users (username, password_hash, role) SELECT 'bench_agent_' || g, 'x', 'agent' FROM generate_series(1, $1) g RETURNING id, username`, [opt.accounts]);
    await c.query(`INSERT INTO agent_profiles (user_id, parent_id, path, depth) SELECT id, NULL, '/' || id || '/', 0 FROM users WHERE role = 'agent'`);
    await c.query('CREATE TABLE bench_balances (id int PRIMARY KEY, balance bigint NOT NULL)');
    return r.rows;
  });
  const { Queue, createPostgresBackend } = await import('bullmq');
  const q = new Queue('warmup', { connection: { connectionString: tpl.url, schema: 'bullmq', migrate: true, max: 1 } }, createPostgresBackend);
  await q.getJobCounts();
  await q.close();
  const ours = await server.createDatabase('ours', { template: tpl.name });
  const base = await server.createDatabase('base', { template: tpl.name });

  // The same workload for both: random pairs, amounts 1–5,000 fen, starting balances 20,000–60,000.
  const rnd = prng(opt.seed);
  const start = agentIds.map(() => 20_000 + Math.floor(rnd() * 40_000));
  const work = Array.from({ length: opt.transfers }, () => {
    const a = Math.floor(rnd() * opt.accounts);
    const b = (a + 1 + Math.floor(rnd() * (opt.accounts - 1))) % opt.accounts;
    return { a, b, amount: 1 + Math.floor(rnd() * 5_000) };
  });

  // ---- ours -----------------------------------------------------------------------------------
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: scope.tempDir('ledger-data'), DATABASE_URL: ours.url, LOG_LEVEL: 'warn', DEMO_DATA: 'false', SCHEDULER_ENABLED: 'false' });
  const app = await createApp({ config, databaseUrl: ours.url, serveSpas: false });
  scope.defer(() => app.close(), 'close the app');
  await app.init();
  const ledger = app.get(LedgerService);
  const ops = app.get(LedgerOperationsService);
  const reports = app.get(LedgerReportsService);
  await withClient(ours.url, (c) => c.query(`INSERT INTO ledger_settings VALUES (1, 1, 1, 0, 0, NULL, now())`));
  for (let i = 0; i < agentIds.length; i++) {
    await ledger.post({ from: { kind: 'system' }, to: { kind: 'agent', userId: agentIds[i].id }, amountFen: BigInt(start[i]), type: 'recharge', idempotencyKey: `bench:fund:${i}` });
  }
  let refused = 0;
  let t0 = performance.now();
  await pool(work.length, opt.concurrency, async (i) => {
    const w = work[i];
    try {
      if (opt.twoPhase) {
        await ops.transfer({ toUsername: agentIds[w.b].username, amountFen: w.amount, idempotencyKey: `bench-${i}-xfer` }, { id: agentIds[w.a].id, username: agentIds[w.a].username, role: 'agent' });
      } else {
        await ledger.post({ from: { kind: 'agent', userId: agentIds[w.a].id }, to: { kind: 'agent', userId: agentIds[w.b].id }, amountFen: BigInt(w.amount), type: 'transfer', idempotencyKey: `bench:${i}` });
      }
    } catch (e) {
      if (e?.code !== 'LEDGER_INSUFFICIENT_FUNDS') throw e;
      refused++;
    }
  });
  const oursMs = performance.now() - t0;
  const check = await reports.check();
  log(`ours: ${work.length} transfers (${refused} refused) in ${secs(oursMs)} s; check ${JSON.stringify(check)}`);
  if (!check.ok) throw new Error('the invariant check failed after the run');

  // ---- baseline: the irreducible part — two single-row balance updates per transfer -----------
  const bp = new pg.Pool({ connectionString: base.url, max: opt.concurrency });
  scope.defer(() => bp.end(), 'close the baseline pool');
  await bp.query('INSERT INTO bench_balances SELECT i - 1, b FROM unnest($1::bigint[]) WITH ORDINALITY AS t(b, i)', [start]);
  t0 = performance.now();
  await pool(work.length, opt.concurrency, async (i) => {
    const w = work[i];
    const c = await bp.connect();
    try {
      await c.query('BEGIN');
      const [first, second] = w.a < w.b ? [[w.a, -w.amount], [w.b, w.amount]] : [[w.b, w.amount], [w.a, -w.amount]];
      await c.query('UPDATE bench_balances SET balance = balance + $2 WHERE id = $1', first);
      await c.query('UPDATE bench_balances SET balance = balance + $2 WHERE id = $1', second);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  });
  const baseMs = performance.now() - t0;
  log(`baseline: ${work.length} update pairs in ${secs(baseMs)} s`);
  printBench('ledger', {
    transfers: work.length,
    accounts: opt.accounts,
    mode: opt.twoPhase ? 'two-phase' : 'posted',
    refused,
    time: `${secs(oursMs)}s`,
    tps: Math.round(work.length / (oursMs / 1000)),
    invariants: check.ok ? 'ok' : 'FAILED',
    baseline: `${secs(baseMs)}s`,
    baselineTps: Math.round(work.length / (baseMs / 1000)),
    ratio: (oursMs / baseMs).toFixed(2),
  });
});
