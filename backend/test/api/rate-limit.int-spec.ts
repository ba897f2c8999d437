import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' }, { seed: false });
});
afterAll(async () => t?.close());

describe('auth rate limit', () => {
  it('answers 429 RATE_LIMITED once an IP exceeds the per-minute budget on auth routes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.api('POST', '/auth/login', { body: { username: 'nobody', password: 'whatever-1' } })).status);
    expect(statuses).toEqual([401, 401, 401]);
    const r = await t.api('POST', '/auth/login', { body: { username: 'nobody', password: 'whatever-1' } });
    expect(r.status).toBe(429);
    expect(r.body.code).toBe('RATE_LIMITED');
    // The budget is per route: captchas have their own.
    const captchas = await Promise.all([1, 2, 3, 4].map(() => t.api('GET', '/auth/captcha')));
    expect(captchas.map((c) => c.status).sort()).toEqual([200, 200, 200, 429]);
    // Other routes are not limited by the auth budget (health may say 503 on a loaded machine; never 429).
    expect((await t.api('GET', '/health')).status).not.toBe(429);
  });

  it('throttles before the body rule: refused bodies count, and a spent budget answers 429, not 400', async () => {
    const m = await t.api('POST', '/auth/register', { body: { username: 'body_order', password: 'member-pass-1', riskAck: true } });
    expect(m.status).toBe(201);
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await t.api('POST', '/auth/email/verification', { token: m.body.accessToken, raw: '{"x":1}' });
      codes.push(`${r.status} ${r.body.code}`);
    }
    expect(codes).toEqual(['400 BODY_NOT_ALLOWED', '400 BODY_NOT_ALLOWED', '400 BODY_NOT_ALLOWED', '429 RATE_LIMITED']);
  });
});
