import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../setup/test-app.js';

/** Issue 10 item 9: the production profile. */
const PROD = {
  NODE_ENV: 'production',
  JWT_SECRET: 'q8Zr1Xv4Nw7Lb2Tc5Hy9Kd3Mf6Pg0SjA7e',
  DATA_SECRET_KEY: 'Vb3k9QmZr7Lp2XwT5nHs8JdFa4GcYe6U1o',
  ADMIN_PASSWORD: 'Admin-pass-123-long',
};
const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});

describe('production profile', () => {
  it('docs off, /metrics off without a token, X-Forwarded-For ignored unless TRUST_PROXY names the proxy', async () => {
    const t = await startTestApp(PROD);
    apps.push(t);
    expect((await fetch(`${t.baseUrl}/api/docs-json`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/api/docs`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/metrics`)).status).toBe(404);
    await t.api('POST', '/auth/login', { body: { username: 'someone', password: 'wrong-pass-1' }, headers: { 'x-forwarded-for': '203.0.113.9' } });
    const ip = (await t.db.query(`SELECT ip FROM login_logs WHERE username = 'someone'`)).rows[0].ip;
    expect(ip).toBe('127.0.0.1');
    // Security headers on API answers, errors included; no CORS answer without CORS_ORIGINS.
    const res = await fetch(`${t.baseUrl}/api/v1/me`, { headers: { origin: 'https://elsewhere.example' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${t.baseUrl}/api/v1/me`, { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('CORS_ORIGINS: the listed origins get CORS answers with credentials, others none', async () => {
    const t = await startTestApp({ ...PROD, CORS_ORIGINS: 'https://app.example.com' });
    apps.push(t);
    const allowed = await fetch(`${t.baseUrl}/api/v1/health`, { headers: { origin: 'https://app.example.com' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const preflight = await fetch(`${t.baseUrl}/api/v1/me`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const other = await fetch(`${t.baseUrl}/api/v1/health`, { headers: { origin: 'https://elsewhere.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('with API_DOCS, METRICS_TOKEN and TRUST_PROXY set: docs on, metrics behind the token, the client IP from the proxy', async () => {
    const t = await startTestApp({ ...PROD, API_DOCS: 'true', METRICS_TOKEN: 'metrics-token-0123456789', TRUST_PROXY: 'loopback' });
    apps.push(t);
    expect((await fetch(`${t.baseUrl}/api/docs-json`)).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const ok = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('process_cpu');
    await t.api('POST', '/auth/login', { body: { username: 'someone', password: 'wrong-pass-1' }, headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect((await t.db.query(`SELECT ip FROM login_logs WHERE username = 'someone'`)).rows[0].ip).toBe('203.0.113.9');
  });
});
