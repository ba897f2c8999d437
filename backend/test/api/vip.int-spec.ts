import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { VIP_LEVEL_CHANGED, type VipLevelChangedEvent } from '../../src/modules/vip/vip.events.js';
import { VipService } from '../../src/modules/vip/vip.service.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { waitFor } from '../setup/wait-for.js';

let t: TestApp;
let admin: string;
const events: VipLevelChangedEvent[] = [];
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  t.app.get(EventEmitter2).on(VIP_LEVEL_CHANGED, (e: VipLevelChangedEvent) => events.push(e));
});
afterAll(async () => t?.close());

async function waitForJob(id: string) {
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  const r = await waitFor(() => t.api('GET', `/admin/jobs/${id}`, { token: admin }), (j) => j.status === 200 && ['done', 'failed'].includes(j.body.status), `job ${id}`);
  return r.body;
}

const grant = (userId: string, body: unknown, token = admin) => t.api('POST', `/admin/users/${userId}/vip-grants`, { body, token });
const DAY = 86_400_000;

describe('VIP levels', () => {
  it('lists the defaults publicly and all fields for admins', async () => {
    const pub = await t.api('GET', '/vip-levels');
    expect(pub.status).toBe(200);
    expect(pub.body.map((l: { level: number; stockQuota: number | null }) => [l.level, l.stockQuota])).toEqual([[0, 5], [1, 10], [2, 20], [3, 50], [4, null]]);
    expect(pub.body[0]).not.toHaveProperty('strategyId');
    const adm = await t.api('GET', '/admin/vip-levels', { token: admin });
    expect(adm.body.every((l: { strategyId: string }) => l.strategyId === 'cho')).toBe(true);
  });

  it('admins edit a level; validation refuses bad values; the change is audited', async () => {
    const ok = await t.api('PUT', '/admin/vip-levels/1', { token: admin, body: { name: 'VIP 银卡', priceFen: 39900, stockQuota: 12 } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ level: 1, name: 'VIP 银卡', priceFen: 39900, stockQuota: 12 });
    // A quota change re-allocates the level's members in a job; with no active pool it has nothing to do.
    const job = await waitForJob(ok.body.reallocationJobId);
    expect(job).toMatchObject({ kind: 'allocation.level-quota', status: 'done', total: 0, result: { level: 1, poolId: null, members: 0 } });
    const bad: Array<[string, unknown]> = [
      ['/admin/vip-levels/1', { stockQuota: 0 }],
      ['/admin/vip-levels/1', { priceFen: -1 }],
      ['/admin/vip-levels/1', { priceFen: 10.5 }],
      ['/admin/vip-levels/1', { name: '' }],
      ['/admin/vip-levels/1', { colour: 'gold' }],
      ['/admin/vip-levels/0', { enabled: false }],
      ['/admin/vip-levels/0', { priceFen: 100 }],
    ];
    for (const [path, body] of bad) {
      const r = await t.api('PUT', path, { token: admin, body });
      expect({ path, body, status: r.status, code: r.body.code }).toEqual({ path, body, status: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await t.api('PUT', '/admin/vip-levels/9', { token: admin, body: { name: 'x' } })).body.code).toBe('VIP_LEVEL_NOT_FOUND');
    const unlimited = await t.api('PUT', '/admin/vip-levels/3', { token: admin, body: { stockQuota: null } });
    expect(unlimited.body.stockQuota).toBeNull();
    await t.api('PUT', '/admin/vip-levels/3', { token: admin, body: { stockQuota: 50 } });
    const log = await t.api('GET', '/admin/operation-logs?action=vip_level.update', { token: admin });
    expect(log.body.items[log.body.items.length - 1]).toMatchObject({ operatorName: 'admin', targetType: 'vip_level', targetId: '1', before: { name: 'VIP1', priceFen: 29900 }, after: { name: 'VIP 银卡', priceFen: 39900 } });
    await t.api('PUT', '/admin/vip-levels/1', { token: admin, body: { name: 'VIP1', priceFen: 29900, stockQuota: 10 } });
  });
});

describe('grants', () => {
  it('admin grants VIP2 for 3 months; the member sees level, expiry, quota and history', async () => {
    const m = await t.registerMember('vipmember');
    events.length = 0;
    const r = await grant(m.user.id, { level: 2, months: 3, reason: '活动赠送' });
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ vipLevel: 2, stockQuota: 20 });
    expect(r.body.grant).toMatchObject({ source: 'admin', level: 2, months: 3, kind: 'new', levelBefore: 0, expiresBefore: null });
    // 2026-03-02 10:00 +08:00 + 3 months = 2026-06-02 10:00 +08:00
    expect(r.body.user.vipExpiresAt).toBe('2026-06-02T02:00:00.000Z');
    const me = await t.api('GET', '/me', { token: m.accessToken });
    expect(me.body).toMatchObject({ vipLevel: 2, vipExpiresAt: '2026-06-02T02:00:00.000Z', stockQuota: 20 });
    const hist = await t.api('GET', '/me/vip-grants', { token: m.accessToken });
    expect(hist.body.total).toBe(1);
    await new Promise((res) => setTimeout(res, 50));
    expect(events).toEqual([{ userId: m.user.id, from: 0, to: 2 }]);
  });

  it('same level extends from the current expiry; higher level upgrades with prorated credit; lower is refused', async () => {
    const m = await t.registerMember('upgrader');
    await grant(m.user.id, { level: 1, months: 3, reason: 'a' });
    const ext = await grant(m.user.id, { level: 1, months: 1, reason: 'b' });
    expect(ext.body.grant.kind).toBe('extend');
    expect(ext.body.user.vipExpiresAt).toBe('2026-07-02T02:00:00.000Z');
    const down = await grant(m.user.id, { level: 0, months: 1, reason: 'c' });
    expect(down.status).toBe(400);
    expect(down.body.code).toBe('VIP_INVALID_GRANT');
    const up = await grant(m.user.id, { level: 3, months: 3, reason: 'd' });
    expect(up.body.grant.kind).toBe('upgrade');
    expect(up.body.grant.convertedSeconds).toBeGreaterThan(0);
    // 122 days of VIP1 (29900/term) converted at VIP3 (99900/term): floor(122d × 29900 / 99900) seconds
    expect(up.body.grant.convertedSeconds).toBe(Math.floor((122 * DAY * 29900) / (99900 * 1000)));
    const lower = await grant(m.user.id, { level: 2, months: 3, reason: 'e' });
    expect(lower.status).toBe(409);
    expect(lower.body.code).toBe('VIP_DOWNGRADE_NOT_ALLOWED');
  });

  it('expiry takes effect at read time, to the second, and the sweep tells allocation once', async () => {
    const m = await t.registerMember('expirer');
    const r = await grant(m.user.id, { level: 4, months: 1, reason: 'trial' });
    const expiresAt = new Date(r.body.user.vipExpiresAt).getTime();
    const saved = t.clock.now();
    t.clock.set(new Date(expiresAt - 1000));
    expect((await t.api('GET', '/me', { token: (await t.loginAs('expirer', 'member-pass-1')).accessToken })).body).toMatchObject({ vipLevel: 4, stockQuota: null });
    t.clock.set(new Date(expiresAt + 1000));
    const after = await t.loginAs('expirer', 'member-pass-1');
    expect(after.user).toMatchObject({ vipLevel: 0, vipExpiresAt: null, stockQuota: 5 });
    // Admin list filters by the effective level too.
    const lvl4 = await t.api('GET', '/admin/users?vipLevel=4&q=expirer', { token: (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken });
    expect(lvl4.body.total).toBe(0);
    events.length = 0;
    const swept = await t.app.get(VipService).sweepExpired();
    expect(swept.find((e) => e.userId === m.user.id)).toEqual({ userId: m.user.id, from: 4, to: 0 });
    expect(await t.app.get(VipService).sweepExpired()).toEqual([]);
    t.clock.set(saved);
  });

  it('20 concurrent grants to one member lose nothing: expiry is exactly the sum', async () => {
    const m = await t.registerMember('concurrent');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => grant(m.user.id, { level: 1, months: 1, reason: `p${i}` })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const me = await t.api('GET', '/me', { token: m.accessToken });
    // 2026-03-02 10:00 +08:00 + 20 months = 2027-11-02 10:00 +08:00
    expect(me.body.vipExpiresAt).toBe('2027-11-02T02:00:00.000Z');
    const n = await t.db.query('SELECT count(*)::int AS n FROM vip_grants WHERE user_id = $1', [m.user.id]);
    expect(n.rows[0].n).toBe(20);
  });

  it('refuses bad grant input with stable codes and writes nothing', async () => {
    const m = await t.registerMember('badinput');
    const cases: Array<[unknown, number, string]> = [
      [{ level: 7, months: 3, reason: 'x' }, 400, 'VIP_INVALID_GRANT'],
      [{ level: 0, months: 3, reason: 'x' }, 400, 'VIP_INVALID_GRANT'],
      [{ level: 2, months: 0, reason: 'x' }, 400, 'VALIDATION_FAILED'],
      [{ level: 2, months: 37, reason: 'x' }, 400, 'VALIDATION_FAILED'],
      [{ level: 2, months: -1, reason: 'x' }, 400, 'VALIDATION_FAILED'],
      [{ level: 2, months: 1.5, reason: 'x' }, 400, 'VALIDATION_FAILED'],
      [{ level: '2', months: 3, reason: 'x' }, 400, 'VALIDATION_FAILED'],
      [{ level: 2, months: 3 }, 400, 'VALIDATION_FAILED'],
      [{ level: 2, months: 3, reason: 'x', extra: true }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const r = await grant(m.user.id, body);
      expect({ body, status: r.status, code: r.body.code }).toEqual({ body, status, code });
    }
    const member = await grant(m.user.id, { level: 2, months: 3, reason: 'x' }, m.accessToken);
    expect(member.status).toBe(403);
    expect((await grant('00000000-0000-4000-8000-000000000000', { level: 2, months: 3, reason: 'x' })).status).toBe(404);
    expect((await grant('not-a-uuid', { level: 2, months: 3, reason: 'x' })).status).toBe(404);
    const n = await t.db.query('SELECT count(*)::int AS n FROM vip_grants WHERE user_id = $1', [m.user.id]);
    expect(n.rows[0].n).toBe(0);
  });
});

describe('effective level in the admin list filter', () => {
  it('the vipLevel filter uses the API clock, not the database clock', async () => {
    // Expiry halfway between the real time (the database's now()) and the fake clock: one of the
    // two says the VIP2 is active, the other that it has ended. The API answers by the clock, so
    // the filter must too (reading now() in SQL, it used to list the member under the other level).
    const m = await t.registerMember('betweenclocks');
    const fake = t.clock.now().getTime();
    const expiresAt = new Date((Date.now() + fake) / 2);
    await t.db.query(`INSERT INTO subscriptions (user_id, level, starts_at, expires_at, notified_level) VALUES ($1, 2, $2, $3, 2)`, [m.user.id, new Date(fake - 30 * DAY), expiresAt]);
    const level = expiresAt.getTime() > fake ? 2 : 0;
    const shown = await t.api('GET', '/admin/users?q=betweenclocks', { token: admin });
    expect(shown.body.items.map((u: { vipLevel: number }) => u.vipLevel)).toEqual([level]);
    for (const filter of [0, 2]) {
      const r = await t.api('GET', `/admin/users?q=betweenclocks&vipLevel=${filter}`, { token: admin });
      expect({ filter, status: r.status, total: r.body.total }).toEqual({ filter, status: 200, total: filter === level ? 1 : 0 });
    }
    expect((await t.api('GET', '/admin/users?vipLevel=5', { token: admin })).body.code).toBe('VALIDATION_FAILED');
  });
});

describe('user management', () => {
  it('creates an agent, edits e-mail, disables (tokens stop at once), enables, resets password — all audited with secrets masked', async () => {
    const created = await t.api('POST', '/admin/users', { token: admin, body: { username: 'agent_wang', password: 'agent-pass-1', email: 'wang@agent.cn', role: 'agent' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'agent_wang', role: 'agent' });
    const id = created.body.id;
    const agent = await t.loginAs('agent_wang', 'agent-pass-1');
    const patched = await t.api('PATCH', `/admin/users/${id}`, { token: admin, body: { email: 'wang2@agent.cn' } });
    expect(patched.body.email).toBe('wang2@agent.cn');
    expect((await t.api('POST', `/admin/users/${id}/disable`, { token: admin })).body.status).toBe('disabled');
    expect((await t.api('GET', '/me', { token: agent.accessToken })).body.code).toBe('AUTH_ACCOUNT_DISABLED');
    expect((await t.api('POST', '/auth/refresh', { body: { refreshToken: agent.refreshToken } })).status).toBe(401);
    expect((await t.api('POST', '/auth/login', { body: { username: 'agent_wang', password: 'agent-pass-1' } })).body.code).toBe('AUTH_ACCOUNT_DISABLED');
    await t.api('POST', `/admin/users/${id}/enable`, { token: admin });
    const reset = await t.api('POST', `/admin/users/${id}/password`, { token: admin, body: {} });
    expect(reset.body.password).toMatch(/^Zc-/);
    expect((await t.loginAs('agent_wang', reset.body.password)).user.role).toBe('agent');
    const logs = await t.api('GET', `/admin/operation-logs?targetId=${id}&pageSize=50`, { token: admin });
    expect(logs.body.items.map((l: { action: string }) => l.action).sort()).toEqual(['user.create', 'user.disable', 'user.enable', 'user.password_reset', 'user.update']);
    const text = JSON.stringify(logs.body);
    expect(text).not.toContain('agent-pass-1');
    expect(text).not.toContain(reset.body.password);
    expect(logs.body.items.find((l: { action: string }) => l.action === 'user.create').after.password).toBe('***');
  });

  it('refuses bad user-management input', async () => {
    const m = await t.registerMember('managed');
    expect((await t.api('POST', '/admin/users', { token: admin, body: { username: 'x1', password: 'pass-word-1', role: 'user' } })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.api('POST', '/admin/users', { token: admin, body: { username: 'root_like', password: 'pass-word-1', role: 'superuser' } })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.api('POST', '/admin/users', { token: admin, body: { username: 'managed', password: 'pass-word-1', role: 'user' } })).body.code).toBe('AUTH_USERNAME_TAKEN');
    expect((await t.api('PATCH', `/admin/users/${m.user.id}`, { token: admin, body: { email: 'bad' } })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.api('POST', `/admin/users/${m.user.id}/password`, { token: admin, body: { password: '1234' } })).body.code).toBe('AUTH_WEAK_PASSWORD');
    expect((await t.api('POST', `/admin/users/00000000-0000-4000-8000-000000000000/disable`, { token: admin })).status).toBe(404);
    expect((await t.api('POST', '/admin/users', { token: m.accessToken, body: { username: 'sneaky', password: 'pass-word-1', role: 'admin' } })).status).toBe(403);
  });
});
