import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/modules/users/entities/user.entity.js';
import { UsersStore } from '../../src/modules/users/users.store.js';
import { VipEntitlements } from '../../src/modules/vip/vip-entitlements.service.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// The users store's statements on the cloned template database: login and availability lookups
// (case-insensitive, username before e-mail), the admin list's filters, extra condition, sort and
// page, and the conditional writes — each checked against the rows read plainly.
let t: TestApp;
let store: UsersStore;
let ds: DataSource;
const ids: Record<string, string> = {};

const fields = (username: string, email: string | null, role: User['role'] = 'user', status: User['status'] = 'active') => ({
  username,
  email,
  emailVerifiedAt: null,
  passwordHash: 'x',
  role,
  status,
  failedLoginCount: 3,
  lockedUntil: new Date('2030-01-01T00:00:00Z'),
  parentId: null,
  mustChangePassword: false,
  tokenVersion: 0,
  riskAckAt: null,
  riskAckVersion: null,
});

beforeAll(async () => {
  t = await startTestApp();
  store = t.app.get(UsersStore);
  ds = t.app.get(DataSource);
  await ds.transaction(async (m) => {
    // `Mixed` has the e-mail that is `other`'s username: a login by it must find `other` first.
    for (const [name, email, role, status] of [
      ['Mixed', 'other@x.test', 'user', 'active'],
      ['other@x.test', 'b@x.test', 'user', 'active'],
      ['us_er', 'c@x.test', 'agent', 'active'],
      ['usxer', null, 'user', 'disabled'],
    ] as const) {
      ids[name] = (await store.insert(m, fields(name, email, role, status))).id;
    }
  });
}, 120_000);

afterAll(async () => t?.close());

describe('UsersStore', () => {
  it('finds by login (username wins over e-mail, case-insensitive), by e-mail, and the holders of a name or e-mail', async () => {
    expect((await store.byLogin(ds.manager, 'OTHER@X.test'))?.id).toBe(ids['other@x.test']);
    expect((await store.byLogin(ds.manager, 'mixed'))?.id).toBe(ids.Mixed);
    expect((await store.byLogin(ds.manager, 'B@x.TEST'))?.id).toBe(ids['other@x.test']);
    expect(await store.byLogin(ds.manager, 'nobody')).toBeNull();
    expect((await store.byEmail(ds.manager, 'C@X.TEST'))?.id).toBe(ids.us_er);
    const holders = await store.holdersOf(ds.manager, 'USXER', 'b@x.test');
    expect(holders.map((h) => h.username).sort()).toEqual(['other@x.test', 'usxer']);
    expect(await store.holdersOf(ds.manager, 'free', null)).toEqual([]);
    expect(await store.emailTakenByOther(ds.manager, 'C@x.test', ids.Mixed!)).toBe(true);
    expect(await store.emailTakenByOther(ds.manager, 'C@x.test', ids.us_er!)).toBe(false);
    // The whole row, as the entity reads it.
    expect(await store.byLogin(ds.manager, 'OTHER@X.test')).toEqual({ ...(await store.byId(ds.manager, ids['other@x.test']!)) });
    expect(await store.byEmail(ds.manager, 'c@x.test')).toEqual({ ...(await store.byId(ds.manager, ids.us_er!)) });
  });

  it('reads the principal, usernames by id, the role under a lock and counts by role', async () => {
    expect(await store.principal(ds.manager, ids.usxer!)).toEqual({ id: ids.usxer, username: 'usxer', role: 'user', status: 'disabled', tokenVersion: 0, mustChangePassword: false });
    expect(await store.principal(ds.manager, '00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(await store.usernamesByIds(ds.manager, [ids.Mixed!, ids.us_er!])).toEqual(new Map([[ids.Mixed, 'Mixed'], [ids.us_er, 'us_er']]));
    expect(await ds.transaction((m) => store.lockRole(m, ids.us_er!))).toEqual({ id: ids.us_er, role: 'agent' });
    const plain = (await t.db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'user'`)).rows[0].n;
    expect(await store.countByRole(ds.manager, 'user')).toBe(plain);
  });

  it('lists with search (wildcards literal), role, status, an extra condition, sort and page', async () => {
    const page = { page: 1, pageSize: 20 };
    expect((await store.listPage(ds.manager, { ...page, q: 'us_' })).rows.map((u) => u.username)).toEqual(['us_er']);
    expect((await store.listPage(ds.manager, { ...page, q: 'X.TEST', sort: 'username:asc' })).rows.map((u) => u.username)).toEqual(['Mixed', 'other@x.test', 'us_er']);
    expect((await store.listPage(ds.manager, { ...page, role: 'user', status: 'disabled' })).rows.map((u) => u.username)).toEqual(['usxer']);
    const extra = { where: 'u.username LIKE :p', params: { p: 'us%' } };
    const r = await store.listPage(ds.manager, { ...page, sort: 'username:desc' }, extra);
    expect(r.rows.map((u) => u.username)).toEqual(['usxer', 'us_er']);
    expect(r.total).toBe(2);
    const p2 = await store.listPage(ds.manager, { page: 2, pageSize: 1, q: 'x.test', sort: 'email:asc' });
    expect(p2.rows.map((u) => u.email)).toEqual(['c@x.test']);
    expect(p2.total).toBe(3);
  });

  it('writes: token version, must-change flag, password (with and without lockout reset), e-mail verified, risk acknowledged once', async () => {
    const id = ids.Mixed!;
    await store.bumpTokenVersion(ds.manager, id);
    await store.setMustChangePassword(ds.manager, id, true);
    await store.setPasswordHash(ds.manager, id, 'h1', false);
    let row = (await t.db.query('SELECT token_version, must_change_password, password_hash, failed_login_count, locked_until FROM users WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ token_version: 1, must_change_password: true, password_hash: 'h1', failed_login_count: 3, locked_until: new Date('2030-01-01T00:00:00Z') });
    await store.setPasswordHash(ds.manager, id, 'h2', true);
    row = (await t.db.query('SELECT password_hash, failed_login_count, locked_until FROM users WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ password_hash: 'h2', failed_login_count: 0, locked_until: null });
    // Other rows untouched.
    expect((await t.db.query('SELECT token_version, password_hash FROM users WHERE id = $1', [ids.us_er])).rows[0]).toEqual({ token_version: 0, password_hash: 'x' });

    const first = new Date('2026-03-01T00:00:00Z');
    await store.markEmailVerified(ds.manager, id, first);
    await store.acknowledgeRisk(ds.manager, id, first, 'v1');
    await store.acknowledgeRisk(ds.manager, id, new Date('2026-03-05T00:00:00Z'), 'v2');
    row = (await t.db.query('SELECT email_verified_at, risk_ack_at, risk_ack_version FROM users WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ email_verified_at: first, risk_ack_at: first, risk_ack_version: 'v1' });

    const locked = await ds.transaction(async (m) => {
      const u = await store.lockById(m, id);
      u!.status = 'disabled';
      return store.save(m, u!);
    });
    expect(locked.status).toBe('disabled');
    expect((await store.byId(ds.manager, id))?.status).toBe('disabled');
  });

  it('list rows are the whole users row as the entity reads it; the effective-level filter binds its named values', async () => {
    const [row] = (await store.listPage(ds.manager, { page: 1, pageSize: 5, q: 'usxer' })).rows;
    expect(row).toEqual({ ...(await store.byId(ds.manager, ids.usxer!)) });
    const now = t.clock.now();
    await t.db.query('DELETE FROM subscriptions WHERE user_id = ANY($1::uuid[])', [[ids.Mixed, ids.us_er]]);
    await t.db.query('INSERT INTO subscriptions (user_id, level, starts_at, expires_at) VALUES ($1, 2, $2, $3), ($4, 2, $2, $2)', [
      ids.Mixed,
      new Date(now.getTime() - 86_400_000),
      new Date(now.getTime() + 86_400_000),
      ids.us_er,
    ]);
    const levels = t.app.get(VipEntitlements);
    const at = async (level: number) => (await store.listPage(ds.manager, { page: 1, pageSize: 50, sort: 'username:asc' }, levels.levelFilter(level))).rows.map((u) => u.username);
    expect(await at(2)).toEqual(['Mixed']);
    // us_er's level 2 has ended at the clock's instant: level 0 now, like every free member.
    expect((await at(0)).filter((n) => Object.keys(ids).includes(n))).toEqual(['other@x.test', 'us_er', 'usxer']);
    await expect(store.listPage(ds.manager, { page: 1, pageSize: 1 }, { where: 'u.id = :missing', params: {} })).rejects.toThrow(/:missing/);
  });

  it('sorts e-mail with nulls where PostgreSQL puts them (first descending), ties by id ascending', async () => {
    const mine = async (sort: string) =>
      (await store.listPage(ds.manager, { page: 1, pageSize: 100, sort })).rows.map((u) => u.username).filter((n) => Object.keys(ids).includes(n));
    expect(await mine('email:desc')).toEqual(['usxer', 'Mixed', 'us_er', 'other@x.test']);
    expect(await mine('email:asc')).toEqual(['other@x.test', 'us_er', 'Mixed', 'usxer']);
  });
});
