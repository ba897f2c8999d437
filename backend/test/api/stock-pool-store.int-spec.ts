import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StockPoolStore } from '../../src/modules/stock-pool/stock-pool.store.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { LISTED, seedStocks } from './pool-fixtures.js';

// The stock-pool store's statements on the cloned template database: item order, holder counters,
// counts per pool, codes outside every pool, the name lock and the list's filters, sorts and pages,
// each checked against the rows read plainly.
let t: TestApp;
let store: StockPoolStore;
let ds: DataSource;
let a: string;
let b: string;
const codesA = LISTED.slice(0, 6);
const codesB = LISTED.slice(4, 9);

const plainItems = async (poolId: string) =>
  (await t.db.query('SELECT ts_code, position, holders FROM stock_pool_items WHERE pool_id = $1 ORDER BY ts_code', [poolId])).rows as Array<{ ts_code: string; position: number; holders: number }>;

beforeAll(async () => {
  t = await startTestApp();
  await seedStocks(t);
  store = t.app.get(StockPoolStore);
  ds = t.app.get(DataSource);
  // Reversed order on purpose: positions follow the given order, not the codes' order.
  a = await ds.transaction(async (m) => {
    const p = await store.insertPool(m, { name: 'Store A', status: 'draft', startsOn: '2026-01-01', endsOn: '2026-03-31', createdBy: null });
    await store.insertItems(m, p.id, [...codesA].reverse());
    return p.id;
  });
  b = await ds.transaction(async (m) => {
    const id = await store.insertSeedDraft(m, { name: 'Store B_%', startsOn: '2026-02-01', endsOn: '2026-02-28' });
    await store.insertItems(m, id, codesB);
    return id;
  });
}, 120_000);

afterAll(async () => t?.close());

describe('StockPoolStore', () => {
  it('keeps the given order as positions 1…n with holders 0, and counts items per pool', async () => {
    const items = await store.items(ds.manager, a);
    expect(items.map((i) => i.tsCode)).toEqual([...codesA].reverse());
    expect(items.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(items.every((i) => i.holders === 0)).toBe(true);
    const counts = await store.stockCounts(ds.manager, [a, b, '00000000-0000-0000-0000-000000000000']);
    expect([...counts].sort()).toEqual([[a, 6], [b, 5]].sort());
    expect(await store.countPools(ds.manager)).toBe(2);
  });

  it('adds deltas only to the named stocks of the pool, and sets every counter (missing → 0)', async () => {
    const [x, y] = [codesA[0]!, codesA[1]!].sort() as [string, string];
    const c2 = codesA[2]!;
    await ds.transaction((m) => store.addHolders(m, a, [x, y], [3, 1]));
    await ds.transaction((m) => store.addHolders(m, a, [x], [-1]));
    let plain = await plainItems(a);
    expect(Object.fromEntries(plain.map((r) => [r.ts_code, r.holders]))).toEqual({ ...Object.fromEntries(codesA.map((c) => [c, 0])), [x]: 2, [y]: 1 });
    // The other pool shares codes 4 and 5 with this one: untouched.
    expect((await plainItems(b)).every((r) => r.holders === 0)).toBe(true);
    const held = await store.holderCounts(ds.manager, a);
    expect(new Map(held.map((h) => [h.tsCode, h.holders]))).toEqual(new Map(plain.map((r) => [r.ts_code, r.holders])));

    await ds.transaction((m) => store.setHolders(m, a, new Map([[c2, 7]])));
    plain = await plainItems(a);
    expect(Object.fromEntries(plain.map((r) => [r.ts_code, r.holders]))).toEqual({ ...Object.fromEntries(codesA.map((c) => [c, 0])), [c2]: 7 });
    expect((await plainItems(b)).every((r) => r.holders === 0)).toBe(true);
  });

  it('finds the codes no pool lists, and locks pools by exact name', async () => {
    const outside = LISTED.slice(20, 23);
    expect(await store.codesOutsidePools(ds.manager, [codesA[0]!, ...outside, codesB[4]!])).toEqual(outside);
    expect(await ds.transaction((m) => store.lockPoolIdsNamed(m, 'Store A'))).toEqual([a]);
    expect(await ds.transaction((m) => store.lockPoolIdsNamed(m, 'Store'))).toEqual([]);
  });

  it('switches the active pool and replaces items', async () => {
    await ds.transaction(async (m) => {
      expect(await store.lockActivePool(m)).toBeNull();
      await store.markActive(m, a, new Date('2026-01-02T00:00:00Z'), '11111111-1111-1111-1111-111111111111');
    });
    const active = await store.activePool(ds.manager);
    expect(active?.id).toBe(a);
    expect(active?.activationJobId).toBe('11111111-1111-1111-1111-111111111111');
    expect(active?.activatedAt?.toISOString()).toBe('2026-01-02T00:00:00.000Z');
    await ds.transaction(async (m) => {
      await store.deleteItems(m, b);
      await store.insertItems(m, b, codesB.slice(0, 2));
    });
    expect((await store.items(ds.manager, b)).map((i) => [i.tsCode, i.position])).toEqual([[codesB[0], 1], [codesB[1], 2]]);
  });

  it('lists with status and name filters (wildcards literal), sorts, pages and counts', async () => {
    const [drafts, nDrafts] = await store.listPools(ds.manager, { status: 'draft', page: 1, pageSize: 10 });
    expect(drafts.map((p) => p.id)).toEqual([b]);
    expect(nDrafts).toBe(1);
    const [byName, n] = await store.listPools(ds.manager, { q: 'b_%', page: 1, pageSize: 10 });
    expect(byName.map((p) => p.name)).toEqual(['Store B_%']);
    expect(n).toBe(1);
    expect((await store.listPools(ds.manager, { q: 'e_', page: 1, pageSize: 10 }))[1]).toBe(0);
    // Default order: the active pool first.
    expect((await store.listPools(ds.manager, { page: 1, pageSize: 10 }))[0].map((p) => p.id)).toEqual([a, b]);
    const [asc] = await store.listPools(ds.manager, { sort: 'startsOn:desc', page: 1, pageSize: 10 });
    expect(asc.map((p) => p.id)).toEqual([b, a]);
    const [page2, total] = await store.listPools(ds.manager, { sort: 'name:asc', page: 2, pageSize: 1 });
    expect(page2.map((p) => p.name)).toEqual(['Store B_%']);
    expect(total).toBe(2);
  });

  it('list rows are the pool row as the entity reads it (dates YYYY-MM-DD); activatedAt sorts with nulls last both ways', async () => {
    const [rows] = await store.listPools(ds.manager, { page: 1, pageSize: 10 });
    for (const r of rows) expect(r).toEqual({ ...(await store.pool(ds.manager, r.id)) });
    expect(rows.find((r) => r.id === b)?.startsOn).toBe('2026-02-01');
    for (const dir of ['asc', 'desc']) {
      expect((await store.listPools(ds.manager, { sort: `activatedAt:${dir}`, page: 1, pageSize: 10 }))[0].map((p) => p.id)).toEqual([a, b]);
    }
  });
});
