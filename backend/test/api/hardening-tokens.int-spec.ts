import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
});
afterAll(async () => t?.close());

const me = (token: string) => t.api('GET', '/me', { token });
async function lastResetLink(to: string): Promise<string> {
  const r = await t.db.query('SELECT text FROM outbox_mails WHERE to_address = $1 ORDER BY id DESC LIMIT 1', [to]);
  const m = /\/reset-password\?token=([^\s]+)/.exec(r.rows[0]?.text ?? '');
  if (!m) throw new Error(`no reset link mailed to ${to}`);
  return decodeURIComponent(m[1]!);
}
/** Waits for the mail queue to deliver (forgot-password answers before the mail is written). */
async function resetLinkAfter(to: string, count: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const n = (await t.db.query('SELECT count(*)::int AS n FROM outbox_mails WHERE to_address = $1', [to])).rows[0].n;
    if (n >= count) return lastResetLink(to);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`mail ${count} to ${to} never arrived`);
}
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function forge(claims: Record<string, unknown>) {
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64(claims);
  return `${head}.${body}.${createHmac('sha256', t.config.jwtSecret).update(`${head}.${body}`).digest('base64url')}`;
}

describe('tokens end at once (issue 10 item 8)', () => {
  it('logout ends the access token of that session at once', async () => {
    const s = await t.registerMember('tok_logout');
    expect((await me(s.accessToken)).status).toBe(200);
    expect((await t.api('POST', '/auth/logout', { body: { refreshToken: s.refreshToken } })).status).toBe(204);
    const after = await me(s.accessToken);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('AUTH_SESSION_REVOKED');
  });

  it('a reused refresh token revokes the family and its access tokens at once', async () => {
    const s = await t.registerMember('tok_family');
    const rotated = await t.api('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(rotated.status).toBe(200);
    expect((await me(rotated.body.accessToken)).status).toBe(200);
    expect((await t.api('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } })).body.code).toBe('AUTH_REFRESH_REUSED');
    expect((await me(rotated.body.accessToken)).status).toBe(401);
  });

  it('a password reset by link ends every access token; older reset links die when a newer one is used', async () => {
    const s = await t.registerMember('tok_reset', { email: 'tok_reset@example.com' });
    const mails = async () => (await t.db.query('SELECT count(*)::int AS n FROM outbox_mails WHERE to_address = $1', ['tok_reset@example.com'])).rows[0].n as number;
    const base = await mails();
    expect((await t.api('POST', '/auth/password/forgot', { body: { email: 'tok_reset@example.com' } })).status).toBe(204);
    const older = await resetLinkAfter('tok_reset@example.com', base + 1);
    expect((await t.api('POST', '/auth/password/forgot', { body: { email: 'tok_reset@example.com' } })).status).toBe(204);
    const newer = await resetLinkAfter('tok_reset@example.com', base + 2);
    expect(newer).not.toBe(older);
    expect((await t.api('POST', '/auth/password/reset', { body: { token: newer, password: 'brand-new-pass-1' } })).status).toBe(204);
    expect((await me(s.accessToken)).status).toBe(401);
    const old = await t.api('POST', '/auth/password/reset', { body: { token: older, password: 'other-new-pass-2' } });
    expect(old.status).toBe(400);
    expect((await t.loginAs('tok_reset', 'brand-new-pass-1')).user.username).toBe('tok_reset');
  });

  it('refresh tokens are parsed strictly: trailing garbage is refused', async () => {
    const s = await t.registerMember('tok_strict');
    for (const bad of [`${s.refreshToken}.x`, `${s.refreshToken}x`, ` ${s.refreshToken}`, `${s.refreshToken.split('.')[0]}..${s.refreshToken.split('.')[1]}`]) {
      const r = await t.api('POST', '/auth/refresh', { body: { refreshToken: bad } });
      expect({ bad, status: r.status }).toEqual({ bad, status: 401 });
    }
    expect((await t.api('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(200);
  });

  it('a JWT without exp (or without a token version) is refused even with the right signature', async () => {
    const s = await t.registerMember('tok_noexp');
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const base = { sub: s.user.id, role: 'user', username: 'tok_noexp', typ: 'access', iat: now };
    expect((await me(forge({ ...base, ver: 0, exp: now + 60 }))).status).toBe(200);
    expect((await me(forge({ ...base, ver: 0 }))).status).toBe(401);
    expect((await me(forge({ ...base, exp: now + 60 }))).status).toBe(401);
  });

  it('every auth response says Cache-Control: no-store, errors included', async () => {
    const ok = await t.api('POST', '/auth/register', { body: { username: 'tok_cache', password: 'pass-word-1', riskAck: true } });
    const bad = await t.api('POST', '/auth/login', { body: { username: 'tok_cache', password: 'wrong-pass-1' } });
    const refresh = await t.api('POST', '/auth/refresh', { body: { refreshToken: ok.body.refreshToken } });
    for (const r of [ok, bad, refresh]) expect(r.headers.get('cache-control')).toBe('no-store');
  });
});

describe('POST /me/password and mustChangePassword', () => {
  it('changes the password: wrong current → 400, others sessions end, the caller keeps its own', async () => {
    const a = await t.registerMember('pw_change');
    const b = await t.loginAs('pw_change', 'member-pass-1');
    const wrong = await t.api('POST', '/me/password', { token: a.accessToken, body: { currentPassword: 'nope-nope-1', newPassword: 'next-pass-word-2' } });
    expect(wrong.body.code).toBe('AUTH_CURRENT_PASSWORD_WRONG');
    const weak = await t.api('POST', '/me/password', { token: a.accessToken, body: { currentPassword: 'member-pass-1', newPassword: '1234' } });
    expect(weak.body.code).toBe('AUTH_WEAK_PASSWORD');
    const ok = await t.api('POST', '/me/password', { token: a.accessToken, body: { currentPassword: 'member-pass-1', newPassword: 'next-pass-word-2', refreshToken: a.refreshToken } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    // The other session is gone, refresh token and access token alike.
    expect((await t.api('POST', '/auth/refresh', { body: { refreshToken: b.refreshToken } })).status).toBe(401);
    expect((await me(b.accessToken)).status).toBe(401);
    // The caller's session refreshes and goes on.
    const mine = await t.api('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } });
    expect(mine.status).toBe(200);
    expect((await me(mine.body.accessToken)).status).toBe(200);
    expect((await t.api('POST', '/auth/login', { body: { username: 'pw_change', password: 'member-pass-1' } })).status).toBe(401);
    expect((await t.loginAs('pw_change', 'next-pass-word-2')).user.mustChangePassword).toBe(false);
  });

  it('an account created by an admin must change its password before anything else', async () => {
    const created = await t.api('POST', '/admin/users', { token: admin, body: { username: 'new_agent', password: 'agent-pass-1', role: 'agent', email: 'new_agent@example.com' } });
    expect(created.status).toBe(201);
    const s = await t.loginAs('new_agent', 'agent-pass-1');
    expect(s.user.mustChangePassword).toBe(true);
    expect((await me(s.accessToken)).body.mustChangePassword).toBe(true);
    for (const [method, route] of [['GET', '/me/stocks'], ['GET', '/signals/stats'], ['POST', '/auth/email/verification']] as const) {
      const r = await t.api(method, route, { token: s.accessToken });
      expect({ route, status: r.status, code: r.body.code }).toEqual({ route, status: 403, code: 'PASSWORD_CHANGE_REQUIRED' });
    }
    const changed = await t.api('POST', '/me/password', { token: s.accessToken, body: { currentPassword: 'agent-pass-1', newPassword: 'agent-own-pass-2', refreshToken: s.refreshToken } });
    expect(changed.status).toBe(204);
    const again = await t.loginAs('new_agent', 'agent-own-pass-2');
    expect(again.user.mustChangePassword).toBe(false);
    expect((await t.api('POST', '/auth/email/verification', { token: again.accessToken })).status).toBe(204);
    // A member who registered chose the password: no forced change.
    expect((await t.registerMember('self_made')).user.mustChangePassword).toBe(false);
  });
});
