import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockKey } from '../../src/common/sql.js';
import { SignalRunService } from '../../src/modules/signals/runs/signal-run.service.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { activatePool, createPool, LISTED, seedStocks, waitForHoldings } from './pool-fixtures.js';
import { waitFor } from '../setup/wait-for.js';
import { seedBars } from './signal-fixtures.js';

/**
 * Issue 11 item 4: `PUT /admin/vip-levels/:level {strategyId}` used to leave the level's members
 * with no latest signal and an empty /me/signals until the next daily run. Now the level keeps
 * serving its previous strategy while a job computes the new one's signals for the lookback.
 */
let t: TestApp;
let admin: string;
let member: { accessToken: string; user: { id: string } };
const LAST = '2026-02-27';
const POOL = LISTED.slice(0, 6);
let days: string[];

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  await seedStocks(t);
  const dates = await seedBars(t, POOL, LAST, 200);
  const pool = await createPool(t, admin, POOL, 'Strategy pool');
  await activatePool(t, admin, pool.id);
  member = await t.registerMember('strategy_member');
  await waitForHoldings(t, member.user.id, 5);
  days = dates.slice(-3);
  const runs = t.app.get(SignalRunService);
  for (const d of days) await runs.runDay(null, d);
}, 120_000);
afterAll(async () => t?.close());

const latestSignals = async () => {
  const r = await t.api('GET', '/me/stocks', { token: member.accessToken });
  expect(r.status).toBe(200);
  return (r.body.items as Array<{ latestSignal: { tradeDate: string } | null }>).map((i) => i.latestSignal);
};
const mySignals = async () => (await t.api('GET', '/me/signals?pageSize=100', { token: member.accessToken })).body as { total: number; strategyId: string };

describe("changing a level's strategy", () => {
  it('members see the level strategy’s signals before the change', async () => {
    expect((await latestSignals()).every((s) => s?.tradeDate === LAST)).toBe(true);
    expect(await mySignals()).toMatchObject({ strategyId: 'cho', total: 5 * 3 });
  });

  it('keeps serving the old signals while a job computes the new strategy’s, then switches with its history', async () => {
    // Hold the run lock of the newest day: the job gets stuck there, as a long computation would.
    const blocker = new pg.Client({ connectionString: (t.db as unknown as { options: { connectionString: string } }).options.connectionString });
    await blocker.connect();
    await blocker.query('SELECT pg_advisory_lock($1::bigint)', [lockKey(`signals:run:${LAST}`)]);
    let jobId: string;
    try {
      const r = await t.api('PUT', '/admin/vip-levels/0', { token: admin, body: { strategyId: 'composite' } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ strategyId: 'composite', servedStrategyId: 'cho' });
      jobId = r.body.strategyJobId;
      expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
      // The job is under way (two of three days done) and members still see signals: the old strategy's.
      await waitFor(async () => (await t.db.query('SELECT processed, total, status FROM job_records WHERE id = $1', [jobId])).rows[0], (j) => j?.processed === 2, 'job progress', 60_000);
      expect((await latestSignals()).every((s) => s?.tradeDate === LAST)).toBe(true);
      expect(await mySignals()).toMatchObject({ strategyId: 'cho', total: 5 * 3 });
      const levels = (await t.api('GET', '/admin/vip-levels', { token: admin })).body as Array<{ level: number; servedStrategyId: string | null }>;
      expect(levels.find((l) => l.level === 0)?.servedStrategyId).toBe('cho');
    } finally {
      await blocker.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey(`signals:run:${LAST}`)]);
      await blocker.end();
    }
    const done = await waitFor(async () => (await t.db.query('SELECT status, processed, total, result FROM job_records WHERE id = $1', [jobId!])).rows[0], (j) => j?.status === 'done' || j?.status === 'failed', 'strategy job', 60_000);
    expect(done).toMatchObject({ status: 'done', processed: 3, total: 3 });
    expect(done.result).toMatchObject({ days: 3, switched: true, strategyId: 'composite' });
    // Now the new strategy, with the lookback's history, not only from the next run on.
    expect(await mySignals()).toMatchObject({ strategyId: 'composite', total: 5 * 3 });
    expect((await latestSignals()).every((s) => s?.tradeDate === LAST)).toBe(true);
    const levels = (await t.api('GET', '/admin/vip-levels', { token: admin })).body as Array<{ level: number; servedStrategyId: string | null }>;
    expect(levels.find((l) => l.level === 0)?.servedStrategyId).toBeNull();
    // The published chain was not rewritten: the added rows are outside it.
    const chained = (await t.db.query(`SELECT count(*)::int AS n FROM signals WHERE strategy_id = 'composite' AND in_chain`)).rows[0].n;
    expect(chained).toBe(0);
  });
});
