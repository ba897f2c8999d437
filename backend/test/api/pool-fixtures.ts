import { expect } from 'vitest';
import { DEMO_UNIVERSE } from '../../src/modules/market-data/domain/demo-universe.js';
import type { TestApp } from '../setup/test-app.js';
import { waitFor } from '../setup/wait-for.js';

/** Stock basics for tests: the demo universe (real codes; two of them delisted), plus overrides. */
export async function seedStocks(t: TestApp, overrides: Record<string, 'listed' | 'suspended' | 'delisted'> = {}) {
  for (const s of DEMO_UNIVERSE) {
    const status = overrides[s.tsCode] ?? (s.delistDate ? 'delisted' : 'listed');
    await t.db.query(
      `INSERT INTO stocks (ts_code, symbol, name, exchange, industry, list_date, status) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (ts_code) DO UPDATE SET status = EXCLUDED.status`,
      [s.tsCode, s.tsCode.slice(0, 6), s.name, s.tsCode.slice(7), s.industry, s.listDate, status],
    );
  }
}

export const LISTED = DEMO_UNIVERSE.filter((s) => !s.delistDate).map((s) => s.tsCode);
export const DELISTED = DEMO_UNIVERSE.filter((s) => s.delistDate).map((s) => s.tsCode);

export async function createPool(t: TestApp, token: string, codes: string[], name = 'Test pool', dates = { startsOn: '2026-01-01', endsOn: '2026-03-31' }) {
  const r = await t.api('POST', '/admin/stock-pools', { token, body: { name, ...dates, codes } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; status: string; stockCount: number };
}

/** Activates and waits until the re-allocation job is done. */
export async function activatePool(t: TestApp, token: string, poolId: string) {
  const r = await t.api('POST', `/admin/stock-pools/${poolId}/activate`, { token });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  const jobId = r.body.jobId as string;
  const done = await waitFor(
    () => t.api('GET', `/admin/stock-pools/${poolId}/activation`, { token }),
    (p) => p.status === 200 && (p.body.status === 'done' || p.body.status === 'failed'),
    `activation of ${poolId}`,
  );
  expect(done.body.status, JSON.stringify(done.body)).toBe('done');
  expect(done.body.id).toBe(jobId);
  return done.body;
}

export async function activeCodes(t: TestApp, userId: string): Promise<string[]> {
  const r = await t.db.query(
    `SELECT a.ts_code FROM allocations a JOIN stock_pools p ON p.id = a.pool_id AND p.status = 'active'
      WHERE a.user_id = $1 AND a.released_at IS NULL ORDER BY a.id`,
    [userId],
  );
  return r.rows.map((x) => x.ts_code);
}

export async function waitForHoldings(t: TestApp, userId: string, n: number) {
  return waitFor(() => activeCodes(t, userId), (c) => c.length === n, `${n} holdings for ${userId}`);
}

/** Holder counters agree with the allocations, for every pool. */
export async function expectCountersConsistent(t: TestApp) {
  const r = await t.db.query(
    `SELECT i.pool_id, i.ts_code, i.holders, (SELECT count(*)::int FROM allocations a WHERE a.pool_id = i.pool_id AND a.ts_code = i.ts_code AND a.released_at IS NULL) AS n
       FROM stock_pool_items i JOIN stock_pools p ON p.id = i.pool_id WHERE p.status = 'active'`,
  );
  const bad = r.rows.filter((x) => x.holders !== x.n);
  expect(bad).toEqual([]);
  await expectTrackedStocksCurrent(t);
}

/**
 * Market data's tracked set (the per-stock sync's universe) is exactly the stocks of the active and
 * draft pools (stock-pool's rows) and the stocks members hold (allocation's rows).
 */
export async function expectTrackedStocksCurrent(t: TestApp) {
  const codes = async (sql: string) => (await t.db.query(sql)).rows.map((r: { c: string }) => r.c);
  const tracked = async (tracker: string) => codes(`SELECT ts_code AS c FROM market_tracked_stocks WHERE tracker = '${tracker}' ORDER BY 1`);
  expect(await tracked('stock-pool')).toEqual(
    await codes(`SELECT DISTINCT i.ts_code AS c FROM stock_pool_items i JOIN stock_pools p ON p.id = i.pool_id WHERE p.status IN ('active', 'draft') ORDER BY 1`),
  );
  expect(await tracked('allocation')).toEqual(await codes(`SELECT DISTINCT ts_code AS c FROM allocations WHERE released_at IS NULL ORDER BY 1`));
}
