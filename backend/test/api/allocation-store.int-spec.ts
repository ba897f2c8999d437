import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllocationStore } from '../../src/modules/allocation/allocation.store.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { activatePool, createPool, LISTED, seedStocks, waitForHoldings } from './pool-fixtures.js';

// The allocation store's dynamic list statements on the cloned template database: filters, sorts,
// paging and keyset reads against the same rows read plainly.
let t: TestApp;
let store: AllocationStore;
let ds: DataSource;
let poolId: string;
let vipUser: string;
const now = () => t.clock.now();

beforeAll(async () => {
  t = await startTestApp();
  const admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  await seedStocks(t);
  const pool = await createPool(t, admin, LISTED.slice(0, 30), 'Store pool');
  poolId = pool.id;
  await activatePool(t, admin, poolId);
  for (const name of ['store_a', 'store_b', 'store_c']) await waitForHoldings(t, (await t.registerMember(name)).user.id, 5);
  vipUser = (await t.registerMember('store_vip')).user.id;
  await waitForHoldings(t, vipUser, 5);
  expect((await t.api('POST', `/admin/users/${vipUser}/vip-grants`, { token: admin, body: { level: 2, months: 3, reason: 'store test' } })).status).toBe(201);
  await waitForHoldings(t, vipUser, 20);
  store = t.app.get(AllocationStore);
  ds = t.app.get(DataSource);
}, 120_000);

afterAll(async () => t?.close());

describe('AllocationStore list statements', () => {
  it('filters combine (pool, member, level at the clock, active) and the count agrees', async () => {
    const all = await store.listAllocations(ds.manager, { poolId }, undefined, { page: 1, pageSize: 100 }, now());
    expect(all.length).toBe(35);
    expect(await store.countAllocations(ds.manager, { poolId }, now())).toBe(35);
    const vip = await store.listAllocations(ds.manager, { poolId, vipLevel: 2, active: true }, undefined, { page: 1, pageSize: 100 }, now());
    expect(new Set(vip.map((r) => r.userId))).toEqual(new Set([vipUser]));
    expect(vip.length).toBe(20);
    expect(vip.every((r) => r.vipLevel === 2 && r.releasedAt === null && r.poolName === 'Store pool' && r.stockName.length > 0)).toBe(true);
    expect(await store.countAllocations(ds.manager, { vipLevel: 2 }, now())).toBe(20);
    // After the grant expires (clock moved on), the same filter finds nobody at level 2.
    const later = new Date(now().getTime() + 200 * 86_400_000);
    expect(await store.countAllocations(ds.manager, { vipLevel: 2 }, later)).toBe(0);
    expect(await store.countAllocations(ds.manager, { userId: vipUser, tsCode: vip[0]!.tsCode }, now())).toBe(1);
    expect(await store.countAllocations(ds.manager, { active: false }, now())).toBe(0);
  });

  it('sorts on a visible column both ways with the id as tie-breaker, and pages without overlap', async () => {
    const asc = await store.listAllocations(ds.manager, {}, 'username:asc', { page: 1, pageSize: 100 }, now());
    const keys = asc.map((r) => `${r.username}|${r.id.padStart(12, '0')}`);
    expect(keys).toEqual([...keys].sort());
    const desc = await store.listAllocations(ds.manager, {}, 'username:desc', { page: 1, pageSize: 100 }, now());
    expect(desc.map((r) => r.id)).toEqual(asc.map((r) => r.id).reverse());
    const p1 = await store.listAllocations(ds.manager, {}, 'stockName:asc', { page: 1, pageSize: 10 }, now());
    const p2 = await store.listAllocations(ds.manager, {}, 'stockName:asc', { page: 2, pageSize: 10 }, now());
    expect(p1.length).toBe(10);
    expect(p1.filter((r) => p2.some((x) => x.id === r.id))).toEqual([]);
  });

  it('keyset reads walk every row once in id order', async () => {
    const seen: string[] = [];
    let after = '0';
    for (;;) {
      const batch = await store.allocationsAfter(ds.manager, { poolId }, after, 7, now());
      seen.push(...batch.map((r) => r.id));
      if (batch.length < 7) break;
      after = batch[batch.length - 1]!.id;
    }
    const plain = await t.db.query('SELECT id FROM allocations WHERE pool_id = $1 ORDER BY id', [poolId]);
    expect(seen).toEqual(plain.rows.map((r: { id: string }) => r.id));
  });
});

describe('AllocationStore draw log', () => {
  it('lists a member\'s draws with their count, sorted and paged; a replay reads one whole', async () => {
    const inDb = (await t.db.query('SELECT id::text FROM draws WHERE user_id = $1 ORDER BY id', [vipUser])).rows.map((r) => r.id as string);
    expect(inDb.length).toBeGreaterThan(1);
    const [rows, total] = await store.listDraws(ds.manager, { userId: vipUser }, 'id:asc', { page: 1, pageSize: 100 });
    expect([rows.map((r) => String(r.id)), total]).toEqual([inDb, inDb.length]);
    const [second] = await store.listDraws(ds.manager, { userId: vipUser, poolId }, 'id:desc', { page: 2, pageSize: 1 });
    expect(second.map((r) => String(r.id))).toEqual([inDb[inDb.length - 2]]);
    expect((await store.listDraws(ds.manager, { userId: vipUser, reason: 'reroll' }, undefined, { page: 1, pageSize: 10 }))[1]).toBe(0);
    const whole = await store.draw(ds.manager, inDb[0]!);
    expect(whole?.userId).toBe(vipUser);
    // A listed draw is the stored row as the entity reads it (seed a number), minus the snapshot.
    const { snapshot: _s, batchSeq: _b, ...listed } = whole!;
    expect(rows[0]).toEqual({ ...listed });
    expect(typeof rows[0]!.seed).toBe('number');
  });
});
