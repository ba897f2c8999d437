import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformsTo, successSchema } from '../setup/openapi-conform.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';

/**
 * The served OpenAPI document is one a client can be generated from: `@redocly/cli lint` with the
 * recommended ruleset finds no error, and every operation has a summary, a typed success response,
 * the error envelope on its 4xx/5xx, and explicit security (`[]` on public routes).
 * A new route passes with `@ApiOperation({ summary })` + `@ApiOkResponse({ type: SomeDto })`
 * (or `@ApiCreatedResponse`/`@ApiAcceptedResponse`, `@ApiNoContentResponse()` for 204); the rest
 * comes from `src/common/openapi.ts`.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

let t: TestApp;
let doc: any;
const ops: Array<{ id: string; method: string; route: string; op: any }> = [];
beforeAll(async () => {
  t = await startTestApp();
  doc = await fetch(`${t.baseUrl}/api/docs-json`).then((r) => r.json());
  for (const [route, item] of Object.entries<any>(doc.paths)) {
    for (const method of METHODS) if (item[method]) ops.push({ id: `${method.toUpperCase()} ${route}`, method, route, op: item[method] });
  }
});
afterAll(async () => t?.close());

/** Routes written before typed responses were required; the list only shrinks. New routes are never added here. */
const UNTYPED_YET = new Set<string>([]);

function resolve(obj: any): any {
  if (obj?.$ref) return obj.$ref.split('/').slice(1).reduce((o: any, k: string) => o?.[k], doc);
  return obj;
}

describe('OpenAPI document', () => {
  it('passes `redocly lint` (recommended ruleset) with 0 errors', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zhice-openapi-'));
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const cli = path.join(root, 'node_modules/@redocly/cli/bin/cli.js');
    // Asynchronously: a blocked event loop would break the test app's keep-alive sockets.
    const stdout = await new Promise<string>((resolve) => {
      execFile(
        process.execPath,
        [cli, 'lint', '--extends=recommended', '--format=json', '--max-problems=1000', file],
        { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' } },
        // lint exits 1 when it finds errors: the JSON report is on stdout either way.
        (_err, out) => resolve(out),
      );
    });
    const out = stdout.slice(stdout.indexOf('{'));
    const report = JSON.parse(out) as { totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }> };
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('every operation has a summary and a typed success response', () => {
    expect(ops.length).toBeGreaterThan(60);
    const problems: string[] = [];
    for (const { id, op } of ops) {
      if (!op.summary?.trim()) problems.push(`${id}: no summary`);
      const success = Object.entries<any>(op.responses ?? {}).filter(([s]) => /^2/.test(s));
      if (success.length === 0) problems.push(`${id}: no 2xx response`);
      for (const [status, res] of success) {
        if (status === '204') continue;
        const content = resolve(res).content ?? {};
        const typed = Object.values<any>(content).some((c) => c.schema && (c.schema.$ref || c.schema.type || c.schema.allOf || c.schema.oneOf));
        if (!typed && !UNTYPED_YET.has(id)) problems.push(`${id}: ${status} response has no schema`);
        if (typed && UNTYPED_YET.has(id)) problems.push(`${id} is typed now: remove it from UNTYPED_YET`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every operation documents the error envelope on its 4xx and 500', () => {
    const envelope = doc.components.schemas.ApiError;
    expect(envelope.required).toEqual(['statusCode', 'code', 'message']);
    expect(Object.keys(envelope.properties)).toEqual(['statusCode', 'code', 'message', 'details']);
    const problems: string[] = [];
    for (const { id, op } of ops) {
      const errors = Object.entries<any>(op.responses).filter(([s]) => /^[45]/.test(s));
      if (!errors.some(([s]) => s.startsWith('4'))) problems.push(`${id}: no 4xx`);
      if (!op.responses['500']) problems.push(`${id}: no 500`);
      for (const [status, res] of errors) {
        const json = resolve(res).content?.['application/json'];
        if (json?.schema?.$ref !== '#/components/schemas/ApiError') problems.push(`${id}: ${status} is not the error envelope`);
        else if (json.example?.statusCode !== Number(status)) problems.push(`${id}: ${status} has no matching example`);
      }
    }
    expect(problems).toEqual([]);
    const login = doc.paths['/api/v1/auth/login'].post.responses;
    expect(Object.keys(login)).toEqual(expect.arrayContaining(['400', '429', '500']));
    const grant = doc.paths['/api/v1/admin/users/{id}/vip-grants'].post.responses;
    expect(Object.keys(grant)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '409', '500']));
  });

  it('public routes say `security: []`, the others bearer auth', () => {
    const pub = ops.filter((o) => Array.isArray(o.op.security) && o.op.security.length === 0).map((o) => o.id);
    expect(pub).toEqual(
      expect.arrayContaining(['POST /api/v1/auth/login', 'POST /api/v1/auth/register', 'GET /api/v1/vip-levels', 'GET /api/v1/health', 'GET /api/v1/signals/chain/head']),
    );
    for (const { id, op } of ops) if (!pub.includes(id)) expect(op.security, id).toEqual([{ bearer: [] }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('the chain head really needs no token, while the chain days do', async () => {
    expect((await t.api('GET', '/signals/chain/head')).status).toBe(200);
    expect((await t.api('GET', '/signals/chain/verify')).status).toBe(401);
  });

  it('typed answers conform to their schemas (admin and public reads)', async () => {
    const admin = await t.loginAs(ADMIN.username, ADMIN.password);
    const token = admin.accessToken;
    const routes = [
      '/health',
      '/auth/captcha',
      '/vip-levels',
      '/me',
      '/me/subscription',
      '/me/vip-grants',
      '/admin/vip-levels',
      '/admin/users',
      `/admin/users/${admin.user.id}`,
      `/admin/users/${admin.user.id}/vip-grants`,
      '/admin/login-logs',
      '/admin/operation-logs',
      '/admin/operation-logs/actions',
      '/admin/outbox',
      '/admin/jobs',
      '/admin/data-sources',
      '/admin/data-sources/switch-logs',
      '/admin/market-data/syncs',
      '/admin/market-data/calendar-coverage?year=2026',
      '/admin/stock-pools',
      '/admin/allocations',
      '/admin/allocations/draws',
      `/admin/allocations/users/${admin.user.id}`,
      '/admin/strategies',
      '/admin/signals/runs',
      '/admin/signals/days',
      '/signals/stats',
      '/signals/chain/head',
      '/signals/chain/verify',
      '/ledger/agents',
      '/admin/ledger/accounts',
    ];
    const problems: string[] = [];
    for (const route of routes) {
      const r = await t.api('GET', route, { token });
      if (r.status !== 200) {
        problems.push(`${route}: status ${r.status}`);
        continue;
      }
      const path = route.split('?')[0]!.replace(admin.user.id, '{id}').replace('/admin/allocations/users/{id}', '/admin/allocations/users/{userId}');
      problems.push(...conformsTo(doc, successSchema(doc, 'GET', path), r.body).map((p) => `${route} ${p}`));
    }
    expect(problems).toEqual([]);
  });
});
