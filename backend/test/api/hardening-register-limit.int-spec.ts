import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../setup/test-app.js';

/**
 * Issue 10 item 2: registration answers AUTH_EMAIL_TAKEN / AUTH_USERNAME_TAKEN (a product decision),
 * so probing e-mails through it is bounded by REGISTER_RATE_LIMIT_PER_HOUR per client: every
 * attempt counts (a 409 probe too), and once the budget is spent the answer is 429 RATE_LIMITED,
 * which tells nothing about the e-mail. Other tests run with a high limit (test-app.ts); this one
 * sets 3.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ REGISTER_RATE_LIMIT_PER_HOUR: '3' }, { seed: false });
});
afterAll(async () => t?.close());

const register = (username: string, email: string) =>
  t.api('POST', '/auth/register', { body: { username, password: 'member-pass-1', email, riskAck: true } });

describe('registration rate limit', () => {
  it('a burst of registrations from one client gets 429 after the limit, e-mail probes included', async () => {
    const first = await register('reg_one', 'one@example.com');
    expect(first.status).toBe(201);
    const probe = await register('reg_probe', 'one@example.com');
    expect(probe).toMatchObject({ status: 409, body: { code: 'AUTH_EMAIL_TAKEN' } });
    expect((await register('reg_two', 'two@example.com')).status).toBe(201);

    // Budget spent: the same probe now learns nothing, a fresh registration waits too.
    const blocked = await Promise.all([register('reg_probe2', 'one@example.com'), register('reg_three', 'three@example.com'), register('reg_four', 'four@example.com')]);
    for (const r of blocked) expect(r).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    const users = await t.db.query(`SELECT username FROM users WHERE username LIKE 'reg_%' ORDER BY username`);
    expect(users.rows.map((u) => u.username)).toEqual(['reg_one', 'reg_two']);

    // Only registration is limited this way: the members can still sign in.
    expect((await t.api('POST', '/auth/login', { body: { username: 'reg_one', password: 'member-pass-1' } })).status).toBe(200);
  });
});
