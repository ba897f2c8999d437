import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingSchemaChanges } from '../../src/database/migrate.js';
import { runMigrations } from '../../src/database/migrate.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { waitFor } from '../setup/wait-for.js';

let t: TestApp;
let adminToken: string;
let memberToken: string;
beforeAll(async () => {
  t = await startTestApp();
  adminToken = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  memberToken = (await t.registerMember('contract_member')).accessToken;
});
afterAll(async () => t?.close());

/** Every write route with a valid body; each gets the same battery of bad input. */
const WRITE_ROUTES: Array<{ method: string; path: string; body: Record<string, unknown>; auth?: 'admin' | 'member'; stringField: string }> = [
  { method: 'POST', path: '/auth/register', body: { username: 'valid_user', password: 'pass-word-1', riskAck: true }, stringField: 'username' },
  { method: 'POST', path: '/auth/login', body: { username: 'admin', password: 'x' }, stringField: 'username' },
  { method: 'POST', path: '/auth/refresh', body: { refreshToken: 'x'.repeat(20) }, stringField: 'refreshToken' },
  { method: 'POST', path: '/auth/logout', body: { refreshToken: 'x'.repeat(20) }, stringField: 'refreshToken' },
  { method: 'POST', path: '/auth/email/verify', body: { token: 'x'.repeat(20) }, stringField: 'token' },
  { method: 'POST', path: '/auth/password/forgot', body: { email: 'a@b.cn' }, stringField: 'email' },
  { method: 'POST', path: '/auth/password/reset', body: { token: 'x'.repeat(20), password: 'pass-word-1' }, stringField: 'token' },
];

describe('API contract', () => {
  it('health reports db and queue', async () => {
    // Each probe has a 3 s budget (a load balancer must hear "down" quickly); right after boot on a
    // loaded machine the queues' first connections can take longer, so ask until it settles.
    const r = await waitFor(() => t.api('GET', '/health'), (x) => x.status !== 503, 'the health check to settle', 10_000, 1000);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', db: 'up', queue: 'up', queueBackend: 'postgres' });
  });

  it('serves OpenAPI and Prometheus metrics', async () => {
    const doc = (await fetch(`${t.baseUrl}/api/docs-json`).then((r) => r.json())) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me', '/api/v1/health', '/api/v1/admin/users']));
    const metrics = await fetch(`${t.baseUrl}/metrics`).then((r) => r.text());
    expect(metrics).toContain('zhice_http_request_duration_seconds');
    expect(metrics).toContain('zhice_process_cpu_user_seconds_total');
  });

  it('gzips responses for clients that accept it, plain for those that do not', async () => {
    const gz = await fetch(`${t.baseUrl}/api/docs-json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(Object.keys(((await gz.json()) as { paths: object }).paths).length).toBeGreaterThan(10);
    const plain = await fetch(`${t.baseUrl}/api/docs-json`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    // No Accept-Encoding at all (node:http sends none unless told): plain, nothing wrapped.
    const bare = await new Promise<{ encoding: string | undefined; body: string }>((resolve, reject) => {
      get(`${t.baseUrl}/api/docs-json`, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ encoding: res.headers['content-encoding'], body }));
      }).on('error', reject);
    });
    expect(bare.encoding).toBeUndefined();
    expect(Object.keys((JSON.parse(bare.body) as { paths: object }).paths).length).toBeGreaterThan(10);
  });

  it('unknown routes answer 404 in the standard error shape', async () => {
    const r = await t.api('GET', '/does-not-exist');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(typeof r.body.message).toBe('string');
  });

  it('protected routes need a token and the right role', async () => {
    expect((await t.api('GET', '/me')).status).toBe(401);
    expect((await t.api('GET', '/admin/users', { token: memberToken })).status).toBe(403);
    expect((await t.api('GET', '/admin/login-logs', { token: memberToken })).status).toBe(403);
    expect((await t.api('GET', '/admin/outbox', { token: memberToken })).status).toBe(403);
    expect((await t.api('GET', '/admin/operation-logs', { token: memberToken })).status).toBe(403);
    expect((await t.api('GET', '/admin/jobs', { token: adminToken })).status).toBe(200);
  });

  it('messages follow Accept-Language', async () => {
    const zh = await t.api('GET', '/me');
    const en = await t.api('GET', '/me', { headers: { 'accept-language': 'en-US,en;q=0.8' } });
    expect(zh.body.message).toBe('请先登录');
    expect(en.body.message).toBe('Please sign in');
  });

  for (const route of WRITE_ROUTES) {
    describe(`${route.method} ${route.path} bad input`, () => {
      const send = (o: { body?: unknown; raw?: string }) =>
        t.api(route.method, route.path, { ...o, token: route.auth === 'admin' ? adminToken : route.auth === 'member' ? memberToken : undefined });
      it('unknown field → 400 VALIDATION_FAILED naming it', async () => {
        const r = await send({ body: { ...route.body, surprise: 1 } });
        expect(r.status).toBe(400);
        expect(r.body.code).toBe('VALIDATION_FAILED');
        expect(JSON.stringify(r.body.details)).toContain('surprise');
      });
      it('wrong type → 400', async () => {
        const r = await send({ body: { ...route.body, [route.stringField]: 12345 } });
        expect(r.status).toBe(400);
        expect(r.body.code).toBe('VALIDATION_FAILED');
      });
      it('too long → 400', async () => {
        const r = await send({ body: { ...route.body, [route.stringField]: 'x'.repeat(2000) } });
        expect(r.status).toBe(400);
        expect(r.body.code).toBe('VALIDATION_FAILED');
      });
      it('missing field → 400', async () => {
        const { [route.stringField]: _, ...rest } = route.body;
        const r = await send({ body: rest });
        expect(r.status).toBe(400);
        expect(r.body.code).toBe('VALIDATION_FAILED');
      });
      it('malformed JSON → 400 MALFORMED_JSON', async () => {
        const r = await send({ raw: '{"a":' });
        expect(r.status).toBe(400);
        expect(r.body.code).toBe('MALFORMED_JSON');
      });
      it('body over 1 MB → 413', async () => {
        const r = await send({ raw: JSON.stringify({ ...route.body, pad: 'x'.repeat(1_100_000) }) });
        expect(r.status).toBe(413);
        expect(r.body.code).toBe('PAYLOAD_TOO_LARGE');
      });
    });
  }
});

describe('schema', () => {
  it('generating a migration from the entities would produce nothing', async () => {
    const changes = await pendingSchemaChanges(t.config.databaseUrl!);
    expect(changes.up).toEqual([]);
  });

  it('migrations are idempotent and safe to run concurrently (advisory lock)', async () => {
    const results = await Promise.all([runMigrations(t.config.databaseUrl!), runMigrations(t.config.databaseUrl!)]);
    expect(results).toEqual([[], []]);
  });
});
