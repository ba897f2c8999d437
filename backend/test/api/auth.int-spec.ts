import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Reads a captcha the way a person would: the test sets the stored answer to one it knows. */
async function solvedCaptcha(answer = 'ab3d') {
  const c = await t.api('GET', '/auth/captcha');
  expect(c.status).toBe(200);
  expect(c.body.svg).toContain('<svg');
  await t.db.query('UPDATE captchas SET answer_hash = $2 WHERE id = $1', [c.body.captchaId, sha(answer)]);
  return { captchaId: c.body.captchaId as string, captchaCode: answer.toUpperCase() };
}

async function lastOutboxLink(to: string, path: string): Promise<string> {
  const r = await t.db.query('SELECT text FROM outbox_mails WHERE to_address = $1 ORDER BY id DESC LIMIT 1', [to]);
  const m = new RegExp(`/${path}\\?token=([^\\s]+)`).exec(r.rows[0]?.text ?? '');
  if (!m) throw new Error(`no ${path} link mailed to ${to}`);
  return decodeURIComponent(m[1]!);
}

/** Password-reset mails go out from the queue: wait until the n-th has arrived. */
async function waitResetMails(to: string, n: number) {
  for (let i = 0; i < 200; i++) {
    const r = await t.db.query(`SELECT count(*)::int AS n FROM outbox_mails WHERE to_address = $1 AND text LIKE '%reset-password%'`, [to]);
    if (r.rows[0].n >= n) return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`reset mail ${n} to ${to} never arrived`);
}

describe('register and login', () => {
  it('registers a member, returns tokens and the user, and stores the risk acknowledgement', async () => {
    const r = await t.api('POST', '/auth/register', { body: { username: 'Zhang_San', password: 'pass-word-1', email: 'zs@example.com', riskAck: true } });
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ username: 'Zhang_San', email: 'zs@example.com', role: 'user', vipLevel: 0, stockQuota: 5, emailVerified: false });
    const row = await t.db.query('SELECT risk_ack_at, risk_ack_version FROM users WHERE id = $1', [r.body.user.id]);
    expect(row.rows[0].risk_ack_at).not.toBeNull();
    const me = await t.api('GET', '/me', { token: r.body.accessToken });
    expect(me.body.username).toBe('Zhang_San');
  });

  it('refuses bad registrations with stable codes and writes nothing', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ username: 'zhang_san', password: 'pass-word-1', riskAck: true }, 409, 'AUTH_USERNAME_TAKEN'],
      [{ username: 'other1', password: 'pass-word-1', email: 'ZS@example.com', riskAck: true }, 409, 'AUTH_EMAIL_TAKEN'],
      [{ username: 'other2', password: '12345678', riskAck: true }, 400, 'AUTH_WEAK_PASSWORD'],
      [{ username: 'other3', password: 'short', riskAck: true }, 400, 'AUTH_WEAK_PASSWORD'],
      [{ username: 'other4', password: 'pass-word-1', riskAck: false }, 400, 'VALIDATION_FAILED'],
      [{ username: 'other5', password: 'pass-word-1' }, 400, 'VALIDATION_FAILED'],
      [{ username: 'x', password: 'pass-word-1', riskAck: true }, 400, 'VALIDATION_FAILED'],
      [{ username: 'a'.repeat(33), password: 'pass-word-1', riskAck: true }, 400, 'VALIDATION_FAILED'],
      [{ username: 'other6', password: 'pass-word-1', riskAck: true, role: 'admin' }, 400, 'VALIDATION_FAILED'],
      [{ username: 123, password: 'pass-word-1', riskAck: true }, 400, 'VALIDATION_FAILED'],
      [{ username: 'other7', password: 'pass-word-1', email: 'not-an-email', riskAck: true }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const r = await t.api('POST', '/auth/register', { body });
      expect({ body, status: r.status, code: r.body.code }).toEqual({ body, status, code });
    }
    const n = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE username LIKE 'other%'`);
    expect(n.rows[0].n).toBe(0);
  });

  it('logs in by username or e-mail, case-insensitively, and logs every attempt', async () => {
    expect((await t.loginAs('zhang_san', 'pass-word-1')).user.username).toBe('Zhang_San');
    expect((await t.loginAs('ZS@EXAMPLE.COM', 'pass-word-1')).user.username).toBe('Zhang_San');
    const logs = await t.db.query(`SELECT result FROM login_logs WHERE username ILIKE 'zhang_san' OR username ILIKE 'zs@example.com'`);
    expect(logs.rows.map((r) => r.result)).toEqual(['success', 'success']);
  });
});

describe('lockout and captcha', () => {
  it('asks for a captcha after 3 failures and locks for 15 minutes after 5', async () => {
    await t.registerMember('victim');
    const wrong = { username: 'victim', password: 'wrong-pass-1' };
    for (let i = 1; i <= 3; i++) {
      const r = await t.api('POST', '/auth/login', { body: wrong });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    // Captcha gate: even the right password needs the captcha now.
    const gate = await t.api('POST', '/auth/login', { body: { username: 'victim', password: 'member-pass-1' } });
    expect(gate.status).toBe(428);
    expect(gate.body.code).toBe('AUTH_CAPTCHA_REQUIRED');
    const badCaptcha = await t.api('POST', '/auth/login', { body: { ...wrong, ...(await solvedCaptcha('wxyz')), captchaCode: 'nope' } });
    expect(badCaptcha.body.code).toBe('AUTH_CAPTCHA_INVALID');
    // A captcha is single use.
    const cap = await solvedCaptcha();
    const fourth = await t.api('POST', '/auth/login', { body: { ...wrong, ...cap } });
    expect(fourth.body).toMatchObject({ statusCode: 401, code: 'AUTH_INVALID_CREDENTIALS' }); // 4th failure
    expect((await t.api('POST', '/auth/login', { body: { ...wrong, ...cap } })).body.code).toBe('AUTH_CAPTCHA_INVALID');
    const fifth = await t.api('POST', '/auth/login', { body: { ...wrong, ...(await solvedCaptcha()) } });
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe('AUTH_LOCKED');
    expect(new Date(fifth.body.details.lockedUntil).getTime()).toBe(t.clock.now().getTime() + 15 * 60_000);
    // Locked: the right password with a right captcha is still refused...
    const locked = await t.api('POST', '/auth/login', { body: { username: 'victim', password: 'member-pass-1', ...(await solvedCaptcha()) } });
    expect(locked.status).toBe(423);
    // ...until 15 minutes have passed.
    t.clock.advance(15 * 60_000 + 1000);
    const ok = await t.api('POST', '/auth/login', { body: { username: 'victim', password: 'member-pass-1', ...(await solvedCaptcha()) } });
    expect(ok.status).toBe(200);
    const after = await t.api('POST', '/auth/login', { body: { username: 'victim', password: 'member-pass-1' } });
    expect(after.status).toBe(200); // success reset the counter: no captcha needed any more
    const results = (await t.db.query(`SELECT result FROM login_logs WHERE username = 'victim' ORDER BY id`)).rows.map((r) => r.result);
    expect(results).toEqual(['bad_credentials', 'bad_credentials', 'bad_credentials', 'captcha_required', 'captcha_invalid', 'bad_credentials', 'captcha_invalid', 'locked', 'locked', 'success', 'success']);
  });

  it('an unknown user gets the same answer as a wrong password', async () => {
    const r = await t.api('POST', '/auth/login', { body: { username: 'nobody-here', password: 'whatever-1' } });
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('AUTH_INVALID_CREDENTIALS');
  });
});

describe('tokens', () => {
  it('rotates refresh tokens and revokes the family when a used one comes back', async () => {
    const s = await t.registerMember('rotator');
    const r1 = await t.api('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(s.refreshToken);
    const reuse = await t.api('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('AUTH_REFRESH_REUSED');
    // The thief's reuse killed the legitimate newer token too.
    const r2 = await t.api('POST', '/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
    expect(r2.status).toBe(401);
    expect(r2.body.code).toBe('AUTH_REFRESH_REUSED');
  });

  it('a token already accepted still expires on time, and a tampered copy of it is refused', async () => {
    const s = await t.registerMember('cacheduser');
    expect((await t.api('GET', '/me', { token: s.accessToken })).status).toBe(200);
    const [h, p, sig] = s.accessToken.split('.');
    const tampered = `${h}.${p}.${sig!.slice(0, -2)}${sig!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await t.api('GET', '/me', { token: tampered })).body.code).toBe('AUTH_TOKEN_INVALID');
    t.clock.advance(16 * 60_000); // access tokens live 15 minutes
    const expired = await t.api('GET', '/me', { token: s.accessToken });
    expect({ status: expired.status, code: expired.body.code }).toEqual({ status: 401, code: 'AUTH_TOKEN_EXPIRED' });
  });

  it('refuses tampered, malformed and expired tokens', async () => {
    const s = await t.registerMember('tokenuser');
    const [h, p, sig] = s.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${sig}`;
    expect((await t.api('GET', '/admin/users', { token: forged })).body.code).toBe('AUTH_TOKEN_INVALID');
    expect((await t.api('GET', '/me', { token: 'garbage' })).body.code).toBe('AUTH_TOKEN_INVALID');
    const badRefresh = await t.api('POST', '/auth/refresh', { body: { refreshToken: `${s.refreshToken.split('.')[0]}.wrongsecret` } });
    expect(badRefresh.body.code).toBe('AUTH_TOKEN_INVALID');
    t.clock.advance(16 * 60_000); // access tokens live 15 minutes
    const expired = await t.api('GET', '/me', { token: s.accessToken });
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('AUTH_TOKEN_EXPIRED');
    // The refresh token still works and yields a fresh access token.
    const fresh = await t.api('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect((await t.api('GET', '/me', { token: fresh.body.accessToken })).status).toBe(200);
    t.clock.advance(31 * 24 * 3600_000);
    expect((await t.api('POST', '/auth/refresh', { body: { refreshToken: fresh.body.refreshToken } })).body.code).toBe('AUTH_TOKEN_EXPIRED');
  });

  it('logout revokes the refresh token', async () => {
    const s = await t.registerMember('leaver');
    expect((await t.api('POST', '/auth/logout', { body: { refreshToken: s.refreshToken } })).status).toBe(204);
    expect((await t.api('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
  });

  it('a disabled account is refused at once, even with a valid token', async () => {
    const s = await t.registerMember('tobedisabled');
    await t.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [s.user.id]);
    const r = await t.api('GET', '/me', { token: s.accessToken });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('AUTH_ACCOUNT_DISABLED');
    expect((await t.api('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } })).body.code).toBe('AUTH_ACCOUNT_DISABLED');
  });
});

describe('e-mail links', () => {
  it('verifies the e-mail once with a signed link', async () => {
    const s = await t.registerMember('verifier', { email: 'verifier@example.com' });
    const token = await lastOutboxLink('verifier@example.com', 'verify-email');
    expect((await t.api('POST', '/auth/email/verify', { body: { token } })).status).toBe(204);
    expect((await t.api('GET', '/me', { token: s.accessToken })).body.emailVerified).toBe(true);
    expect((await t.api('POST', '/auth/email/verify', { body: { token } })).body.code).toBe('AUTH_LINK_USED');
    expect((await t.api('POST', '/auth/email/verify', { body: { token: token.slice(0, -2) + 'xx' } })).body.code).toBe('AUTH_LINK_INVALID');
  });

  it('resets the password with a single-use link that expires after an hour', async () => {
    const s = await t.registerMember('forgetful', { email: 'forgetful@example.com' });
    expect((await t.api('POST', '/auth/password/forgot', { body: { email: 'FORGETFUL@example.com' } })).status).toBe(204);
    expect((await t.api('POST', '/auth/password/forgot', { body: { email: 'unknown@example.com' } })).status).toBe(204);
    await waitResetMails('forgetful@example.com', 1);
    const token = await lastOutboxLink('forgetful@example.com', 'reset-password');
    expect((await t.api('POST', '/auth/password/reset', { body: { token, password: '1234567890' } })).body.code).toBe('AUTH_WEAK_PASSWORD');
    expect((await t.api('POST', '/auth/password/reset', { body: { token, password: 'brand-new-pass' } })).status).toBe(204);
    expect((await t.api('POST', '/auth/password/reset', { body: { token, password: 'another-pass-2' } })).body.code).toBe('AUTH_LINK_USED');
    expect((await t.loginAs('forgetful', 'brand-new-pass')).user.username).toBe('forgetful');
    // Sessions from before the reset are gone.
    expect((await t.api('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);

    await t.api('POST', '/auth/password/forgot', { body: { email: 'forgetful@example.com' } });
    await waitResetMails('forgetful@example.com', 2);
    const late = await lastOutboxLink('forgetful@example.com', 'reset-password');
    t.clock.advance(61 * 60_000);
    expect((await t.api('POST', '/auth/password/reset', { body: { token: late, password: 'too-late-pass' } })).body.code).toBe('AUTH_LINK_EXPIRED');
  });
});

describe('admin routes', () => {
  it('admin lists users with search and paging; members get 403', async () => {
    const admin = await t.loginAs(ADMIN.username, ADMIN.password);
    const r = await t.api('GET', '/admin/users?q=zhang&pageSize=5', { token: admin.accessToken });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ page: 1, pageSize: 5, total: 1 });
    expect(r.body.items[0].username).toBe('Zhang_San');
    const roles = await t.api('GET', '/admin/users?role=admin', { token: admin.accessToken });
    expect(roles.body.items.map((u: { username: string }) => u.username)).toEqual(['admin']);
    expect((await t.api('GET', '/admin/users?pageSize=101', { token: admin.accessToken })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.api('GET', '/admin/users?sort=password:asc', { token: admin.accessToken })).body.code).toBe('VALIDATION_FAILED');
    const member = await t.loginAs('zhang_san', 'pass-word-1');
    const denied = await t.api('GET', '/admin/users', { token: member.accessToken });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    const logs = await t.api('GET', '/admin/login-logs?result=locked', { token: admin.accessToken });
    expect(logs.body.items.every((l: { result: string }) => l.result === 'locked')).toBe(true);
    expect(logs.body.total).toBeGreaterThan(0);
    const outbox = await t.api('GET', '/admin/outbox', { token: admin.accessToken });
    expect(outbox.body.items.length).toBeGreaterThan(0);
    expect(outbox.body.items[0]).toHaveProperty('subject');
  });
});
