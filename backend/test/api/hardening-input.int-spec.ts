import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
});
afterAll(async () => t?.close());

const raw = (method: string, route: string, body: string, headers: Record<string, string> = {}) =>
  t.api(method, route, { raw: body, headers: { 'content-type': 'application/json', ...headers } });
const userCount = async () => (await t.db.query('SELECT count(*)::int AS n FROM users')).rows[0].n as number;

describe('bad input never gives a 500 (issue 10 item 5)', () => {
  it('JSON nested 2,000 deep → 400 JSON_TOO_DEEP on every JSON route, anonymous ones included', async () => {
    const deep = `{"username":${'['.repeat(2000)}${']'.repeat(2000)},"password":"x"}`;
    for (const route of ['/auth/login', '/auth/register', '/auth/password/forgot']) {
      const r = await raw('POST', route, deep);
      expect({ route, status: r.status, code: r.body.code }).toEqual({ route, status: 400, code: 'JSON_TOO_DEEP' });
    }
    // Brackets inside strings do not count.
    const inString = await raw('POST', '/auth/login', JSON.stringify({ username: '['.repeat(5000), password: 'x' }));
    expect(inString.body.code).toBe('VALIDATION_FAILED');
  });

  it('NUL bytes and lone surrogates in any string → 400 through one global rule', async () => {
    const before = await userCount();
    const cases = [
      '{"username":"nul\\u0000name","password":"pass-word-1","riskAck":true}',
      '{"username":"lone\\ud800","password":"pass-word-1","riskAck":true}',
      '{"username":"okname1","password":"pass\\udc00word-1","riskAck":true}',
      '{"username":"okname2","password":"pass-word-1","riskAck":true,"k\\u0000":1}',
    ];
    for (const body of cases) {
      const r = await raw('POST', '/auth/register', body);
      expect({ body, status: r.status, code: r.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
    }
    const q = await t.api('GET', '/admin/users?q=a%00b', { token: admin });
    expect(q.status).toBe(400);
    expect(await userCount()).toBe(before);
  });

  it('null for a field that is not nullable → 400, nothing written', async () => {
    const before = await userCount();
    const r = await t.api('POST', '/auth/register', { body: { username: 'nullmail', password: 'pass-word-1', riskAck: true, email: null } });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([{ field: 'email', errors: ['email must not be null'] }]);
    const login = await t.api('POST', '/auth/login', { body: { username: 'admin', password: 'x-wrong-1', captchaId: null } });
    expect(login.status).toBe(400);
    // A field declared nullable keeps taking null.
    const created = await t.api('POST', '/admin/users', { token: admin, body: { username: 'nullable_ok', password: 'pass-word-1', role: 'user', email: 'n@example.com' } });
    expect(created.status).toBe(201);
    const cleared = await t.api('PATCH', `/admin/users/${created.body.id}`, { token: admin, body: { email: null } });
    expect(cleared.status).toBe(200);
    expect(await userCount()).toBe(before + 1);
  });

  it('a body that is not an object → 400', async () => {
    for (const body of ['[]', '[{"username":"a"}]', '"text"', '5']) {
      const r = await raw('POST', '/auth/login', body);
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
    }
  });

  it('20 parallel registrations with one e-mail → one 201, 409 AUTH_EMAIL_TAKEN for the rest', async () => {
    const res = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.api('POST', '/auth/register', { body: { username: `same_mail_${i}`, password: 'pass-word-1', email: 'Same@Example.com', riskAck: true } })),
    );
    expect(res.filter((r) => r.status === 201)).toHaveLength(1);
    expect(res.filter((r) => r.status === 409 && r.body.code === 'AUTH_EMAIL_TAKEN')).toHaveLength(19);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM users WHERE lower(email) = 'same@example.com'`)).rows[0].n).toBe(1);
  });
});

describe('content type and empty bodies (issue 10 item 6)', () => {
  it('a JSON body sent as text/plain → 415, and the password is not changed', async () => {
    const m = await t.registerMember('plain_victim');
    const hash = async () => (await t.db.query('SELECT password_hash FROM users WHERE id = $1', [m.user.id])).rows[0].password_hash;
    const before = await hash();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const r = await t.api('POST', `/admin/users/${m.user.id}/password`, { token: admin, raw: '{"password":"short"}', headers: { 'content-type': type } });
      expect({ type, status: r.status, code: r.body.code }).toEqual({ type, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    expect(await hash()).toBe(before);
    const noType = await fetch(`${t.baseUrl}/api/v1/admin/users/${m.user.id}/password`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: new Uint8Array(Buffer.from('{"password":"short"}')) });
    expect(noType.status).toBe(415);
    expect(await hash()).toBe(before);
  });

  it('a body on a route that takes none → 400 BODY_NOT_ALLOWED; no body or {} is fine', async () => {
    const m = await t.registerMember('nobody_route', { email: 'nobody_route@example.com' });
    for (const body of ['[]', '{"x":1}', '[1]']) {
      const r = await raw('POST', '/auth/email/verification', body, { authorization: `Bearer ${m.accessToken}` });
      expect({ body, status: r.status, code: r.body.code }).toEqual({ body, status: 400, code: 'BODY_NOT_ALLOWED' });
    }
    expect((await t.api('POST', '/auth/email/verification', { token: m.accessToken })).status).toBe(204);
    expect((await t.api('POST', '/auth/email/verification', { token: m.accessToken, body: {} })).status).toBe(204);
  });

  it('a body on a route outside auth that takes none → 400 BODY_NOT_ALLOWED after the token and role checks (the global guard)', async () => {
    const m = await t.registerMember('nobody_global', { email: 'nobody_global@example.com' });
    const r = await raw('POST', `/admin/users/${m.user.id}/disable`, '{"x":1}', { authorization: `Bearer ${admin}` });
    expect({ status: r.status, code: r.body.code }).toEqual({ status: 400, code: 'BODY_NOT_ALLOWED' });
    // No token: 401 first; a member: 403 first, as before.
    expect((await raw('POST', `/admin/users/${m.user.id}/disable`, '{"x":1}')).status).toBe(401);
    expect((await raw('POST', `/admin/users/${m.user.id}/disable`, '{"x":1}', { authorization: `Bearer ${m.accessToken}` })).status).toBe(403);
    expect((await t.db.query('SELECT status FROM users WHERE id = $1', [m.user.id])).rows[0].status).toBe('active');
  });

  it('__proto__ / constructor / prototype keys are refused, also nested', async () => {
    for (const body of ['{"__proto__":{"role":"admin"},"username":"protox","password":"pass-word-1","riskAck":true}', '{"constructor":{"prototype":{"x":1}},"username":"a","password":"b"}', '{"username":"a","password":"b","captchaCode":"x","nested":{"prototype":1}}']) {
      const r = await raw('POST', '/auth/register', body);
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
    }
    expect((await t.db.query(`SELECT count(*)::int AS n FROM users WHERE username = 'protox'`)).rows[0].n).toBe(0);
  });
});
