import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { activatePool, activeCodes, createPool, expectCountersConsistent, LISTED, seedStocks, waitForHoldings } from './pool-fixtures.js';

/** Issue 11 "data you can trust": idempotent admin actions and the smaller defects (items 5, 10). */
let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  await seedStocks(t);
});
afterAll(async () => t?.close());

const grant = (userId: string, body: Record<string, unknown>) => t.api('POST', `/admin/users/${userId}/vip-grants`, { token: admin, body: { level: 2, months: 3, reason: 'paid by transfer', ...body } });
const grantRows = async (userId: string) => (await t.db.query(`SELECT count(*)::int AS n FROM vip_grants WHERE user_id = $1`, [userId])).rows[0].n as number;

describe('idempotent admin VIP grants', () => {
  it('two identical concurrent grants with one key make one grant; the key answers the first result', async () => {
    const m = await t.registerMember('idem_grant');
    const body = { idempotencyKey: 'dialog-0001-abcdef' };
    const [a, b] = await Promise.all([grant(m.user.id, body), grant(m.user.id, body)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.grant.id).toBe(b.body.grant.id);
    expect(await grantRows(m.user.id)).toBe(1);
    const again = await grant(m.user.id, body);
    expect(again.status).toBe(201);
    expect(again.body.grant).toEqual(a.body.grant);
    expect(again.body.user.vipExpiresAt).toBe(a.body.user.vipExpiresAt);
    expect(await grantRows(m.user.id)).toBe(1);
    // Without a key, each request is a grant (as before).
    expect((await grant(m.user.id, {})).status).toBe(201);
    expect(await grantRows(m.user.id)).toBe(2);
  });

  it('the same key with another body or for another member → 409 IDEMPOTENCY_KEY_REUSED, nothing written', async () => {
    const m = await t.registerMember('idem_grant2');
    const other = await t.registerMember('idem_grant3');
    expect((await grant(m.user.id, { idempotencyKey: 'dialog-0002-abcdef' })).status).toBe(201);
    const diff = await grant(m.user.id, { idempotencyKey: 'dialog-0002-abcdef', months: 6 });
    expect(diff).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    const elsewhere = await grant(other.user.id, { idempotencyKey: 'dialog-0002-abcdef' });
    expect(elsewhere).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await grantRows(m.user.id)).toBe(1);
    expect(await grantRows(other.user.id)).toBe(0);
  });

  it('refuses a malformed key', async () => {
    const m = await t.registerMember('idem_grant4');
    for (const idempotencyKey of ['short', 'x'.repeat(65), 'has space in it', 12345678]) {
      expect((await grant(m.user.id, { idempotencyKey })).status).toBe(400);
    }
    expect(await grantRows(m.user.id)).toBe(0);
  });
});

describe('re-roll', () => {
  let member: { user: { id: string } };
  it('changes the whole set when the pool allows, once per idempotency key', async () => {
    const pool = await createPool(t, admin, LISTED.slice(0, 12), 'Reroll pool');
    await activatePool(t, admin, pool.id);
    member = await t.registerMember('reroller');
    await waitForHoldings(t, member.user.id, 5);
    const before = await activeCodes(t, member.user.id);
    const body = { idempotencyKey: 'reroll-dialog-0001' };
    const [r, r2] = await Promise.all([
      t.api('POST', `/admin/allocations/users/${member.user.id}/reroll`, { token: admin, body }),
      t.api('POST', `/admin/allocations/users/${member.user.id}/reroll`, { token: admin, body }),
    ]);
    expect(r.status).toBe(200);
    expect(r2.body).toEqual(r.body);
    expect(r.body).toMatchObject({ changed: true, kept: [] });
    const after = await activeCodes(t, member.user.id);
    expect(after).toHaveLength(5);
    expect(after.filter((c) => before.includes(c))).toEqual([]);
    expect([...after].sort()).toEqual([...r.body.picks].sort());
    const draws = await t.db.query(`SELECT count(*)::int AS n FROM draws WHERE user_id = $1 AND reason = 'reroll'`, [member.user.id]);
    expect(draws.rows[0].n).toBe(1);
    // The draw is still reproducible.
    const replay = await t.api('POST', `/admin/allocations/draws/${r.body.drawId}/replay`, { token: admin });
    expect(replay.body).toMatchObject({ identical: true, snapshotHashMatches: true });
    await expectCountersConsistent(t);
  });

  it('says so when the pool has nothing else to offer', async () => {
    expect((await grant(member.user.id, { level: 4, months: 1 })).status).toBe(201);
    await waitForHoldings(t, member.user.id, 12);
    const r = await t.api('POST', `/admin/allocations/users/${member.user.id}/reroll`, { token: admin, body: {} });
    expect(r.status).toBe(200);
    expect(r.body.changed).toBe(false);
    expect(r.body.kept).toHaveLength(12);
    expect(await activeCodes(t, member.user.id)).toHaveLength(12);
    await expectCountersConsistent(t);
  });

  it('with a pool only slightly larger than the quota, keeps as few old stocks as it must', async () => {
    const m = await t.registerMember('reroller2');
    expect((await grant(m.user.id, { level: 1, months: 1 })).status).toBe(201); // quota 10 of 12
    await waitForHoldings(t, m.user.id, 10);
    const before = await activeCodes(t, m.user.id);
    const r = await t.api('POST', `/admin/allocations/users/${m.user.id}/reroll`, { token: admin, body: { idempotencyKey: 'reroll-dialog-0002' } });
    expect(r.body).toMatchObject({ changed: true });
    expect(r.body.kept).toHaveLength(8);
    const after = await activeCodes(t, m.user.id);
    expect(after).toHaveLength(10);
    expect(after.filter((c) => !before.includes(c))).toHaveLength(2);
    const other = await t.api('POST', `/admin/allocations/users/${member.user.id}/reroll`, { token: admin, body: { idempotencyKey: 'reroll-dialog-0002' } });
    expect(other).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });
});
