import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { activatePool, activeCodes, createPool, expectCountersConsistent, LISTED, seedStocks, waitForHoldings } from './pool-fixtures.js';
import { waitFor } from '../setup/wait-for.js';

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

describe('pools: edit a draft, reuse an archived pool, warn about quotas', () => {
  let first: string;
  it('a draft pool\'s stocks can be replaced; invalid codes refuse the edit and change nothing', async () => {
    first = (await t.db.query(`SELECT id FROM stock_pools WHERE status = 'active'`)).rows[0].id;
    const draft = await createPool(t, admin, LISTED.slice(0, 3), 'Draft to edit');
    const edited = await t.api('PATCH', `/admin/stock-pools/${draft.id}`, { token: admin, body: { codes: LISTED.slice(10, 35) } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.stockCount).toBe(25);
    const detail = await t.api('GET', `/admin/stock-pools/${draft.id}`, { token: admin });
    expect(detail.body.items.map((i: { tsCode: string }) => i.tsCode)).toEqual(LISTED.slice(10, 35));
    const bad = await t.api('PATCH', `/admin/stock-pools/${draft.id}`, { token: admin, body: { codes: ['600000.SH', '999999.XX'] } });
    expect(bad).toMatchObject({ status: 400, body: { code: 'POOL_INVALID_CODES' } });
    expect((await t.api('GET', `/admin/stock-pools/${draft.id}`, { token: admin })).body.stockCount).toBe(25);
    const log = await t.db.query(`SELECT after FROM operation_logs WHERE action = 'stock_pool.update' AND target_id = $1`, [draft.id]);
    expect(log.rows[0].after).toMatchObject({ stockCount: 25 });

    // Before activating: the levels whose quota a 25-stock pool cannot fill (VIP3: 50; VIP4 is unlimited).
    const check = await t.api('GET', `/admin/stock-pools/${draft.id}/activation-check`, { token: admin });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ poolId: draft.id, poolSize: 25 });
    expect(check.body.warnings.map((w: { level: number; stockQuota: number }) => [w.level, w.stockQuota])).toEqual([[3, 50]]);
    const activated = await t.api('POST', `/admin/stock-pools/${draft.id}/activate`, { token: admin });
    expect(activated.status).toBe(202);
    expect(activated.body.warnings).toEqual(check.body.warnings);
    await activatePoolDone(draft.id);
  });

  it('an archived pool can be reused as a new draft, never edited', async () => {
    const archived = await t.api('GET', `/admin/stock-pools/${first}`, { token: admin });
    expect(archived.body.status).toBe('archived');
    expect((await t.api('PATCH', `/admin/stock-pools/${first}`, { token: admin, body: { codes: LISTED.slice(0, 2) } })).status).toBe(409);
    const copy = await t.api('POST', `/admin/stock-pools/${first}/duplicate`, { token: admin, body: { name: 'Reused', startsOn: '2026-04-01', endsOn: '2026-06-30' } });
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    expect(copy.body).toMatchObject({ name: 'Reused', status: 'draft', stockCount: 12, startsOn: '2026-04-01' });
    const items = (await t.api('GET', `/admin/stock-pools/${copy.body.id}`, { token: admin })).body.items;
    expect(items.map((i: { tsCode: string; holders: number }) => [i.tsCode, i.holders])).toEqual(LISTED.slice(0, 12).map((c) => [c, 0]));
    const defaults = await t.api('POST', `/admin/stock-pools/${first}/duplicate`, { token: admin, body: {} });
    expect(defaults.body.name).toBe('Reroll pool (copy)');
    expect((await t.api('POST', `/admin/stock-pools/${first}/duplicate`, { token: admin, body: { startsOn: '2026-09-01', endsOn: '2026-01-01' } })).status).toBe(400);
  });
});

async function activatePoolDone(poolId: string) {
  const done = await waitFor(() => t.api('GET', `/admin/stock-pools/${poolId}/activation`, { token: admin }), (p) => p.status === 200 && ['done', 'failed'].includes(p.body.status), 'activation');
  expect(done.body.status).toBe('done');
}

describe('members', () => {
  it('GET /me/subscription answers the free level for a member who never paid (JSON, not an empty body)', async () => {
    const m = await t.registerMember('free_member');
    const r = await t.api('GET', '/me/subscription', { token: m.accessToken });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(r.body).toEqual({ level: 0, effectiveLevel: 0, startsAt: null, expiresAt: null, active: false, free: true });
    expect((await grant(m.user.id, { level: 1, months: 1 })).status).toBe(201);
    const paid = await t.api('GET', '/me/subscription', { token: m.accessToken });
    expect(paid.body).toMatchObject({ level: 1, effectiveLevel: 1, active: true, free: false });
  });

  it('an admin-created member is asked to acknowledge the risk notice at first login, once', async () => {
    const created = await t.api('POST', '/admin/users', { token: admin, body: { username: 'made_by_admin', password: 'member-pass-1', role: 'user' } });
    expect(created.status).toBe(201);
    expect(created.body.riskAckRequired).toBe(true);
    const login = await t.loginAs('made_by_admin', 'member-pass-1');
    expect(login.user.riskAckRequired).toBe(true);
    expect((await t.api('POST', '/me/risk-ack', { token: login.accessToken, body: { riskAck: false } })).status).toBe(400);
    const ack = await t.api('POST', '/me/risk-ack', { token: login.accessToken, body: { riskAck: true } });
    expect(ack.status).toBe(200);
    expect(ack.body.riskAckRequired).toBe(false);
    const row = (await t.db.query(`SELECT risk_ack_at, risk_ack_version FROM users WHERE username = 'made_by_admin'`)).rows[0];
    expect(row.risk_ack_at).not.toBeNull();
    expect(row.risk_ack_version).toBe('2026-11');
    expect((await t.api('GET', '/me', { token: login.accessToken })).body.riskAckRequired).toBe(false);
    // Registered members acknowledged at sign-up; admins and agents are not asked.
    expect((await t.registerMember('self_registered')).user.riskAckRequired).toBe(false);
    expect((await t.loginAs(ADMIN.username, ADMIN.password)).user.riskAckRequired).toBe(false);
  });

  it('/favicon.ico is served', async () => {
    const r = await fetch(`${t.baseUrl}/favicon.ico`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
    expect(Buffer.from(await r.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  });
});

describe('messages localised by code (Accept-Language)', () => {
  const EN = { 'accept-language': 'en-US,en;q=0.9' };
  it('class-validator details follow the language', async () => {
    const body = { username: 'lang_check', password: 'member-pass-1', riskAck: false };
    const zh = await t.api('POST', '/auth/register', { body });
    const en = await t.api('POST', '/auth/register', { body, headers: EN });
    expect(zh.status).toBe(400);
    expect(zh.body.details).toEqual([{ field: 'riskAck', errors: ['riskAck 必须为 true（需要确认）'] }]);
    expect(en.body.details).toEqual([{ field: 'riskAck', errors: ['riskAck must be true'] }]);
    const unknown = await t.api('POST', '/auth/register', { body: { ...body, riskAck: true, surprise: 1 } });
    expect(JSON.stringify(unknown.body.details)).toContain('不允许的字段 surprise');
  });

  it('pool import line reasons follow the language, in previews and in refusals', async () => {
    const text = '600000.SH\n999999.SH\n600000\nabc';
    const zh = await t.api('POST', '/admin/stock-pools/preview', { token: admin, body: { text } });
    const en = await t.api('POST', '/admin/stock-pools/preview', { token: admin, body: { text }, headers: EN });
    expect(zh.body.invalid.map((i: { message: string }) => i.message)).toEqual(['股票列表中没有 999999.SH', '600000.SH 与第 1 行重复', expect.stringContaining('无法识别')]);
    expect(en.body.invalid.map((i: { message: string }) => i.message)).toEqual(['999999.SH is not in the stock list', '600000.SH repeats line 1', expect.stringContaining('Not a stock code')]);
    expect(en.body.invalid[0]).not.toHaveProperty('messageEn');
    const refused = await t.api('POST', '/admin/stock-pools', { token: admin, headers: EN, body: { name: 'x', startsOn: '2026-01-01', endsOn: '2026-02-01', codes: ['999999.SH'] } });
    expect(refused.body).toMatchObject({ code: 'POOL_INVALID_CODES', details: { invalid: [{ message: '999999.SH is not in the stock list' }] } });
  });

  it('STRATEGY_INVALID_PARAMS speaks the caller\'s language', async () => {
    const body = { params: { short: 0, nonsense: 1 } };
    const zh = await t.api('PUT', '/admin/strategies/cho/params', { token: admin, body });
    const en = await t.api('PUT', '/admin/strategies/cho/params', { token: admin, body, headers: EN });
    expect(zh).toMatchObject({ status: 400, body: { code: 'STRATEGY_INVALID_PARAMS', message: '策略参数无效，请查看明细' } });
    expect(en.body.message).toBe('Invalid strategy parameters; see the details');
    expect(zh.body.details.errors).toEqual(expect.arrayContaining(['nonsense：未知参数', expect.stringMatching(/^short：必须是 .* 范围内的整数$/)]));
    expect(en.body.details.errors).toEqual(expect.arrayContaining(['nonsense: unknown parameter']));
  });

  it('VIP level names and descriptions have an English form, editable by admins', async () => {
    const levels = (await t.api('GET', '/vip-levels')).body as Array<{ level: number; name: string; nameEn: string; descriptionEn: string }>;
    expect(levels.map((l) => l.nameEn)).toEqual(['Free', 'VIP1', 'VIP2', 'VIP3', 'SVIP']);
    expect(levels[0]!.descriptionEn).toBe('Free trial, 5 stocks');
    const put = await t.api('PUT', '/admin/vip-levels/2', { token: admin, body: { nameEn: 'Gold', descriptionEn: '20 stocks, daily signals' } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'VIP2', nameEn: 'Gold', descriptionEn: '20 stocks, daily signals' });
    expect((await t.api('PUT', '/admin/vip-levels/2', { token: admin, body: { nameEn: 'x'.repeat(33) } })).status).toBe(400);
  });
});
