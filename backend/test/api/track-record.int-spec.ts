import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meanInterval, trackRecordVerdict, wilsonInterval } from '../../src/modules/signals/domain/track-record.js';
import { conformsTo, successSchema } from '../setup/openapi-conform.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { activatePool, activeCodes, createPool, LISTED, seedStocks, waitForHoldings } from './pool-fixtures.js';
import { weekdaysEndingOn } from './signal-fixtures.js';

/**
 * Issue 11 item 6: the member's track record per stock and per strategy, with average return,
 * intervals, the random baseline and a verdict. Signals and forward returns are written directly
 * (deterministic histories), for a pool of exactly the free quota, so the member holds every stock.
 */
let t: TestApp;
let admin: string;
let member: { accessToken: string; user: { id: string } };

const POOL = LISTED.slice(0, 5);
const [A, B, C, D, E] = POOL as [string, string, string, string, string];
const OUTSIDE = LISTED[5]!;
const N = 20;
const dates = weekdaysEndingOn('2026-02-27', N);

/** Forward return (every window) of each pool stock on day k. */
function fwd(code: string, k: number): number {
  if (code === A) return 0.03 + (k % 3) * 0.001; // steadily up
  if (code === B) return k % 2 === 0 ? 0.02 : -0.02; // a coin flip
  if (code === C) return 0.001 * ((k % 5) - 2);
  if (code === D) return -0.004;
  return 0.002;
}
/** Issued cho signals: A and B BUY every day; C SELL every day. */
const ISSUED: Array<[string, 'BUY' | 'SELL']> = [
  [A, 'BUY'],
  [B, 'BUY'],
  [C, 'SELL'],
];

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  await seedStocks(t);
  const pool = await createPool(t, admin, [...POOL], 'Track record pool');
  await activatePool(t, admin, pool.id);
  member = await t.registerMember('track_member');
  await waitForHoldings(t, member.user.id, 5);
  expect((await activeCodes(t, member.user.id)).sort()).toEqual([...POOL].sort());

  for (const [k, d] of dates.entries()) {
    await t.db.query(`INSERT INTO signal_days (trade_date, status, strategies, row_count, published_at) VALUES ($1, 'published', '{"cho":1}', 3, now())`, [d]);
    for (const [code, action] of ISSUED) {
      await t.db.query(
        `INSERT INTO signals (trade_date, ts_code, strategy_id, version, action, score, close, reasons, in_chain) VALUES ($1, $2, 'cho', 1, $3, $4, 10, '{"values":{},"prev":{},"rulesFired":[]}', false)`,
        [d, code, action, action === 'BUY' ? 0.5 : -0.5],
      );
    }
    // A later version of B on the same day (not what was issued) and another strategy: never counted.
    await t.db.query(`INSERT INTO signals (trade_date, ts_code, strategy_id, version, action, score, close, reasons) VALUES ($1, $2, 'cho', 2, 'SELL', -0.5, 10, '{}')`, [d, B]);
    await t.db.query(`INSERT INTO signals (trade_date, ts_code, strategy_id, version, action, score, close, reasons) VALUES ($1, $2, 'composite', 1, 'SELL', -0.5, 10, '{}')`, [d, A]);
    for (const code of POOL) {
      const r = fwd(code, k);
      await t.db.query(`INSERT INTO signal_returns (trade_date, ts_code, fwd_1, fwd_5, fwd_10, fwd_20) VALUES ($1, $2, $3, $3, $3, $3)`, [d, code, r]);
    }
  }
  // A staging day's signals are never counted.
  await t.db.query(`INSERT INTO signal_days (trade_date, status, strategies) VALUES ('2026-03-02', 'staging', '{"cho":1}')`);
  await t.db.query(`INSERT INTO signals (trade_date, ts_code, strategy_id, version, action, score, close, reasons) VALUES ('2026-03-02', $1, 'cho', 1, 'SELL', -0.5, 10, '{}')`, [A]);
  await t.db.query(`INSERT INTO signal_returns (trade_date, ts_code, fwd_1, fwd_5, fwd_10, fwd_20) VALUES ('2026-03-02', $1, 0.5, 0.5, 0.5, 0.5)`, [A]);
});
afterAll(async () => t?.close());

const get = (tsCode: string, token = member.accessToken) => t.api('GET', `/me/signals/track-record?tsCode=${tsCode}`, { token });

/** Independent computation of one scope's figures from the fixtures. */
function expected(codes: Array<[string, 'BUY' | 'SELL']>) {
  const signed: number[] = [];
  const base: number[] = [];
  let hits = 0;
  dates.forEach((_, k) => {
    const poolMean = POOL.reduce((s, c) => s + fwd(c, k), 0) / POOL.length;
    for (const [code, action] of codes) {
      const r = fwd(code, k);
      signed.push(action === 'BUY' ? r : -r);
      base.push(action === 'BUY' ? poolMean : -poolMean);
      if (action === 'BUY' ? r > 0 : r < 0) hits++;
    }
  });
  const n = signed.length;
  const mean = signed.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(signed.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const baseMean = base.reduce((s, x) => s + x, 0) / n;
  return { count: n, hits, mean, sd, baseMean };
}

describe('GET /me/signals/track-record', () => {
  it('per-stock figures differ between two stocks with different histories; the strategy figures are the same on both', async () => {
    const a = await get(A);
    const b = await get(B);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body).toMatchObject({ tsCode: A, strategyId: 'cho', minSamples: 10 });
    expect(a.body.windows.map((w: { window: number }) => w.window)).toEqual([1, 5, 10, 20]);
    for (const w of [0, 1, 2, 3]) {
      const sa = a.body.windows[w].stock;
      const sb = b.body.windows[w].stock;
      expect(sa).toMatchObject({ count: N, hits: N, hitRate: 1 });
      expect(sb).toMatchObject({ count: N, hits: N / 2, hitRate: 0.5 });
      expect(sa.meanReturn).not.toBeCloseTo(sb.meanReturn, 6);
      expect(a.body.windows[w].strategy).toEqual(b.body.windows[w].strategy);
    }
  });

  it('figures agree with an independent computation: mean ± 1.96·sd/√n, Wilson interval, the random baseline', async () => {
    const a = (await get(A)).body.windows[1];
    const ea = expected([[A, 'BUY']]);
    expect(a.stock.meanReturn).toBeCloseTo(ea.mean, 10);
    expect(a.stock.baseline.count).toBe(N);
    expect(a.stock.baseline.meanReturn).toBeCloseTo(ea.baseMean, 10);
    const ci = meanInterval(ea.mean, ea.sd, N)!;
    expect(a.stock.meanReturnInterval.low).toBeCloseTo(ci.low, 10);
    expect(a.stock.meanReturnInterval.high).toBeCloseTo(ci.high, 10);
    expect(a.stock.hitRateInterval).toEqual(wilsonInterval(N, N));
    expect(a.stock.verdict).toBe('better');

    const all = expected(ISSUED);
    expect(a.strategy).toMatchObject({ count: all.count, hits: all.hits });
    expect(a.strategy.meanReturn).toBeCloseTo(all.mean, 10);
    expect(a.strategy.baseline.meanReturn).toBeCloseTo(all.baseMean, 10);
    expect(a.strategy.verdict).toBe(trackRecordVerdict({ count: all.count, meanReturn: all.mean, sdReturn: all.sd, baselineMeanReturn: all.baseMean }));
  });

  it('an interval overlapping the baseline reads no_better_than_random', async () => {
    const b = (await get(B)).body.windows[1].stock;
    expect(b.meanReturnInterval.low).toBeLessThan(b.baseline.meanReturn);
    expect(b.meanReturnInterval.high).toBeGreaterThan(b.baseline.meanReturn);
    expect(b.verdict).toBe('no_better_than_random');
  });

  it('a stock without signals has too few samples; the strategy figures are still there', async () => {
    const d = (await get(D)).body.windows[0];
    expect(d.stock).toMatchObject({ count: 0, hits: 0, hitRate: null, meanReturn: null, hitRateInterval: null, meanReturnInterval: null, verdict: 'too_few_samples' });
    expect(d.strategy.count).toBe(3 * N);
  });

  it('only the member’s own stocks (issue 10 item 3); bad input is 400', async () => {
    expect(await get(OUTSIDE)).toMatchObject({ status: 403, body: { code: 'STOCK_NOT_OWNED' } });
    expect((await get(A, admin)).status).toBe(403);
    expect((await t.api('GET', `/me/signals/track-record?tsCode=${A}`)).status).toBe(401);
    for (const q of ['', '?tsCode=600000', `?tsCode=${A}&colour=red`]) {
      const r = await t.api('GET', `/me/signals/track-record${q}`, { token: member.accessToken });
      expect({ q, status: r.status, code: r.body.code }).toEqual({ q, status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('the answers of the member’s signal routes conform to their OpenAPI schemas', async () => {
    const doc = await fetch(`${t.baseUrl}/api/docs-json`).then((r) => r.json());
    const routes = [`/me/signals/track-record?tsCode=${A}`, `/me/signals/track-record?tsCode=${D}`, `/me/signals?tsCode=${A}&pageSize=5`, `/me/signals/latest?tsCode=${A}`, '/me/signals/freshness', '/signals/stats', '/signals/chain/head', '/me/stocks'];
    for (const route of routes) {
      const r = await t.api('GET', route, { token: member.accessToken });
      expect(r.status, route).toBe(200);
      expect({ route, problems: conformsTo(doc, successSchema(doc, 'GET', route.split('?')[0]!), r.body) }).toEqual({ route, problems: [] });
    }
    // The checker itself finds a mismatch.
    const tr = (await get(A)).body;
    expect(conformsTo(doc, successSchema(doc, 'GET', '/me/signals/track-record'), { ...tr, windows: [{ ...tr.windows[0], stock: { ...tr.windows[0].stock, verdict: 'great' } }] })).toEqual([
      '$.windows[0].stock.verdict: "great" not in ["better","worse","no_better_than_random","too_few_samples"]',
    ]);
    const { minSamples: _m, ...noMin } = tr;
    expect(conformsTo(doc, successSchema(doc, 'GET', '/me/signals/track-record'), { ...noMin, extra: 1, windows: [{ ...tr.windows[0], stock: { ...tr.windows[0].stock, count: 'x' } }] })).toEqual([
      '$.minSamples: required but missing',
      '$.windows[0].stock.count: expected number, got string',
      '$.extra: not in the schema',
    ]);
  });
});
