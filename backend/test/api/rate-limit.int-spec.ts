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
});
