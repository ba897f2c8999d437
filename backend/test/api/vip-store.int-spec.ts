import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VipStore } from '../../src/modules/vip/vip.store.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// The vip store's statements on the cloned template database: the served-strategy switch, the expiry
// sweep's conditional update, subscription writes, the latest grant and the grants page — each
// checked against the rows read plainly.
let t: TestApp;
let store: VipStore;
let ds: DataSource;
let u1: string;
let u2: string;
let u3: string;
const now = new Date('2026-03-02T02:00:00.000Z');
const day = 86_400_000;

const plainSub = async (userId: string) =>
  (await t.db.query('SELECT level, starts_at, expires_at, notified_level FROM subscriptions WHERE user_id = $1', [userId])).rows[0] as
    | { level: number; starts_at: Date; expires_at: Date; notified_level: number }
    | undefined;

const grant = (userId: string, reference: string, months: number) => ({
  userId,
  source: 'admin' as const,
  reference,
  level: 1,
  months,
  kind: 'new' as const,
  levelBefore: 0,
  expiresBefore: null,
  expiresAfter: new Date(now.getTime() + months * 30 * day),
  convertedSeconds: 0,
  reason: 'store test',
  operatorId: null,
});

beforeAll(async () => {
  t = await startTestApp();
  store = t.app.get(VipStore);
  ds = t.app.get(DataSource);
  u1 = (await t.registerMember('vs_one')).user.id;
  u2 = (await t.registerMember('vs_two')).user.id;
  u3 = (await t.registerMember('vs_three')).user.id;
}, 120_000);

afterAll(async () => t?.close());

describe('VipStore', () => {
  it('reads the levels lowest first and locks one', async () => {
    const levels = await store.levels(ds.manager);
    const plain = (await t.db.query('SELECT level FROM vip_levels ORDER BY level')).rows.map((r: { level: number }) => r.level);
    expect(levels.map((l) => l.level)).toEqual(plain);
    expect(plain.length).toBeGreaterThan(1);
    expect((await ds.transaction((m) => store.lockLevel(m, 1)))?.level).toBe(1);
    expect(await ds.transaction((m) => store.lockLevel(m, 99))).toBeNull();
  });

  it('clears the served strategy only while the level still uses the given strategy', async () => {
    const { strategy_id: strategy } = (await t.db.query('SELECT strategy_id FROM vip_levels WHERE level = 1')).rows[0] as { strategy_id: string };
    await t.db.query(`UPDATE vip_levels SET served_strategy_id = $1 WHERE level IN (1, 2)`, [strategy]);
    expect(await store.clearServedStrategy(ds.manager, 1, `${strategy}-other`)).toBe(false);
    expect(await store.clearServedStrategy(ds.manager, 1, strategy)).toBe(true);
    expect(await store.clearServedStrategy(ds.manager, 1, strategy)).toBe(false);
    const rows = (await t.db.query('SELECT level, served_strategy_id FROM vip_levels WHERE level IN (1, 2) ORDER BY level')).rows;
    expect(rows).toEqual([
      { level: 1, served_strategy_id: null },
      { level: 2, served_strategy_id: strategy },
    ]);
    await t.db.query(`UPDATE vip_levels SET served_strategy_id = NULL WHERE level = 2`);
  });

  it('writes subscriptions and ends exactly the expired ones not yet told', async () => {
    await ds.transaction(async (m) => {
      await store.insertSubscription(m, u1, { level: 2, startsAt: new Date(now.getTime() - 40 * day), expiresAt: new Date(now.getTime() - day), notifiedLevel: 2 });
      await store.insertSubscription(m, u2, { level: 1, startsAt: new Date(now.getTime() - 10 * day), expiresAt: new Date(now.getTime() + day), notifiedLevel: 1 });
      await store.insertSubscription(m, u3, { level: 1, startsAt: new Date(now.getTime() - 40 * day), expiresAt: new Date(now.getTime() - 2 * day), notifiedLevel: 0 });
    });
    expect(await ds.transaction((m) => store.markExpiredNotified(m, now))).toEqual([{ userId: u1, level: 2 }]);
    expect(await ds.transaction((m) => store.markExpiredNotified(m, now))).toEqual([]);
    expect((await plainSub(u1))?.notified_level).toBe(0);
    expect((await plainSub(u2))?.notified_level).toBe(1);

    const expiresAt = new Date(now.getTime() + 90 * day);
    await ds.transaction((m) => store.updateSubscription(m, u2, { level: 3, startsAt: now, expiresAt, notifiedLevel: 3 }));
    expect(await plainSub(u2)).toEqual({ level: 3, starts_at: now, expires_at: expiresAt, notified_level: 3 });
    const sub = await store.subscription(ds.manager, u2);
    expect(sub?.expiresAt).toEqual(expiresAt);
    sub!.level = 2;
    await ds.transaction((m) => store.saveSubscription(m, sub!));
    expect((await plainSub(u2))?.level).toBe(2);
    expect((await plainSub(u1))?.level).toBe(2);
  });

  it('finds grants by reference, the newest one (id breaks a created_at tie) and pages them sorted', async () => {
    const [g1, g2] = await ds.transaction(async (m) => [await store.insertGrant(m, grant(u1, 'r-1', 3)), await store.insertGrant(m, grant(u1, 'r-2', 1))]);
    expect(g1!.createdAt).toEqual(g2!.createdAt);
    expect((await store.latestGrantOf(ds.manager, u1))?.id).toBe([g1!.id, g2!.id].sort()[1]);
    const g3 = await ds.transaction((m) => store.insertGrant(m, grant(u1, 'r-3', 2)));
    await ds.transaction((m) => store.insertGrant(m, grant(u2, 'r-4', 6)));
    expect((await store.latestGrantOf(ds.manager, u1))?.id).toBe(g3.id);
    expect(await store.latestGrantOf(ds.manager, u3)).toBeNull();
    expect((await store.grantByReference(ds.manager, 'admin', 'r-2'))?.id).toBe(g2!.id);
    expect(await store.grantByReference(ds.manager, 'payment_refund', 'r-2')).toBeNull();

    const [all, total] = await store.listGrants(ds.manager, u1, 'months:asc', { page: 1, pageSize: 10 });
    expect(all.map((g) => g.months)).toEqual([1, 2, 3]);
    expect(total).toBe(3);
    const [second, total2] = await store.listGrants(ds.manager, u1, 'months:desc', { page: 2, pageSize: 2 });
    expect(second.map((g) => g.reference)).toEqual(['r-2']);
    expect(total2).toBe(3);
  });
});

describe('VipStore entitlements', () => {
  it('gives each user the level in force at the time, with that level\'s quota; expired and absent memberships read as level 0', async () => {
    const a = (await t.registerMember('vs_ent_a')).user.id as string;
    const b = (await t.registerMember('vs_ent_b')).user.id as string;
    await t.db.query(`DELETE FROM subscriptions WHERE user_id = ANY($1::uuid[])`, [[a, b]]);
    await t.db.query(`INSERT INTO subscriptions (user_id, level, starts_at, expires_at) VALUES ($1, 2, $2, $3)`, [a, new Date(now.getTime() - day), new Date(now.getTime() + 30 * day)]);
    const quota = async (level: number) => (await t.db.query('SELECT stock_quota FROM vip_levels WHERE level = $1', [level])).rows[0].stock_quota as number | null;
    const rows = await store.entitlementRows(ds.manager, [a, b], now);
    const byUser = new Map(rows.map((r) => [r.userId, r]));
    expect(byUser.get(a)).toMatchObject({ level: 2, stockQuota: await quota(2), expiresAt: new Date(now.getTime() + 30 * day) });
    expect(byUser.get(b)).toMatchObject({ level: 0, stockQuota: await quota(0), expiresAt: null });
    // 31 days on, a's membership has ended.
    const later = await store.entitlementRows(ds.manager, [a], new Date(now.getTime() + 31 * day));
    expect(later[0]).toMatchObject({ userId: a, level: 0, stockQuota: await quota(0) });
  });
});

describe('VipStore grants page', () => {
  it('rows are the grant row as the entity reads it; sorts on a snake-case column both ways with the id as tie-breaker', async () => {
    const [rows, total] = await store.listGrants(ds.manager, u1, undefined, { page: 1, pageSize: 10 });
    expect(total).toBe(3);
    for (const r of rows) expect(r).toEqual({ ...(await store.grantByReference(ds.manager, 'admin', r.reference!)) });
    const [byExpiry] = await store.listGrants(ds.manager, u1, 'expiresAfter:asc', { page: 1, pageSize: 10 });
    expect(byExpiry.map((g) => g.months)).toEqual([1, 2, 3]);
    const [byLevel] = await store.listGrants(ds.manager, u1, 'level:desc', { page: 1, pageSize: 10 });
    expect(byLevel.map((g) => g.id)).toEqual([...byLevel.map((g) => g.id)].sort((x, y) => Number(y) - Number(x)));
    expect((await store.listGrants(ds.manager, u3, undefined, { page: 1, pageSize: 10 }))[1]).toBe(0);
  });
});
