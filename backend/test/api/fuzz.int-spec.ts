import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedTables, fingerprint, fuzzCase, pathFor, rng, writeRoutes, type FuzzCase, type OpenApiDoc, type WriteRoute } from '../setup/fuzz.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';

/**
 * Fuzz suite (issue 10 item 5): seeded random bodies against EVERY write route of the app's OpenAPI
 * document, as every role and anonymously. No answer may be a 5xx, and a 4xx must not change a row
 * (table-by-table md5 of the public schema before and after). `FUZZ_SEED` / `FUZZ_CASES` vary it;
 * a failure prints the seed, the route and the case so it can be replayed.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const CASES = Number(process.env.FUZZ_CASES ?? 10);

let t: TestApp;
let doc: OpenApiDoc;
const tokens: Record<'admin' | 'agent' | 'user', string> = { admin: '', agent: '', user: '' };
let realIds: string[] = [];
let memberSeq = 0;

async function freshSessions() {
  tokens.admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  const member = await t.registerMember(`fuzz_member_${memberSeq++}`);
  tokens.user = member.accessToken;
  const agentName = `fuzz_agent_${memberSeq}`;
  const agent = await t.api('POST', '/admin/users', { token: tokens.admin, body: { username: agentName, password: 'agent-pass-1', role: 'agent' } });
  expect(agent.status).toBe(201);
  // Someone else chose the password; the fuzz agent skips the forced change.
  await t.db.query('UPDATE users SET must_change_password = false WHERE id = $1', [agent.body.id]);
  tokens.agent = (await t.loginAs(agentName, 'agent-pass-1')).accessToken;
  // Real ids from every table with an `id` column (the admin's excepted), so routes that take ids
  // reach past their 404s; tables added by later work are covered too.
  const tables: string[] = (
    await t.db.query(`SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' ORDER BY table_name`)
  ).rows.map((r: { table_name: string }) => r.table_name);
  const ids: string[] = [];
  for (const table of tables) {
    const rows = (await t.db.query(`SELECT id::text AS id FROM "${table}" ORDER BY id::text DESC LIMIT 2`)).rows as Array<{ id: string }>;
    ids.push(...rows.map((r) => r.id));
  }
  const adminId = (await t.db.query('SELECT id FROM users WHERE username = $1', [ADMIN.username])).rows[0].id;
  realIds = [...new Set(ids)].filter((id) => id !== adminId);
}

async function send(route: WriteRoute, path: string, c: FuzzCase, token: string | null) {
  const headers: Record<string, string> = { 'accept-language': 'en' };
  if (token) headers.authorization = `Bearer ${token}`;
  let body: FormData | string | undefined;
  if (c.multipart) {
    const form = new FormData();
    for (const f of c.multipart) form.append(f.field, new Blob([f.content]), f.filename);
    body = form;
  } else if (c.raw) {
    headers['content-type'] = c.raw.contentType;
    body = c.raw.body;
  } else if (c.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(c.json);
  }
  const res = await fetch(`${t.baseUrl}${path}`, { method: route.method, headers, body });
  const text = await res.text();
  return { status: res.status, text: text.slice(0, 300) };
}

/**
 * After a 2xx, background work it started may still write: wait until no job is queued or running
 * and two reads 300 ms apart agree (up to 60 s).
 */
async function settled() {
  let prev = await fingerprint(t.db);
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const busy = (await t.db.query(`SELECT count(*)::int AS n FROM job_records WHERE status IN ('queued', 'running')`)).rows[0].n as number;
    const next = await fingerprint(t.db);
    if (busy === 0 && changedTables(prev, next).length === 0) return next;
    prev = next;
  }
  return prev;
}

beforeAll(async () => {
  t = await startTestApp();
  const res = await fetch(`${t.baseUrl}/api/docs-json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as OpenApiDoc;
  await freshSessions();
});
afterAll(async () => t?.close());

describe(`fuzz every write route of the OpenAPI document (seed ${SEED}, ${CASES} cases per route)`, () => {
  it('finds the write routes in the document', () => {
    const routes = writeRoutes(doc);
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toContain('POST /api/v1/auth/register');
  });

  it('answers no 5xx, and a 4xx changes no row', async () => {
    const routes = writeRoutes(doc);
    const r = rng(SEED);
    const failures: string[] = [];
    let before = await fingerprint(t.db);
    let sent = 0;
    for (const route of routes) {
      let anySuccess = false;
      for (let i = 0; i < CASES; i++) {
        const c = fuzzCase(doc, route, r);
        const path = pathFor(route.path, r, realIds);
        const role = r.pick(['admin', 'admin', 'admin', 'admin', 'admin', 'agent', 'user', 'user', 'anonymous'] as const);
        const res = await send(route, path, c, role === 'anonymous' ? null : tokens[role]);
        sent++;
        if (process.env.FUZZ_VERBOSE) console.log(res.status, route.method, path, role, c.label, res.text.slice(0, 120));
        const where = `${route.method} ${path} as ${role}: ${c.label}`;
        // The one documented 5xx of a write route (api.md): ordering while WeChat Pay is not configured.
        const documented = res.status === 503 && route.path === '/api/v1/payments/wechat/orders' && res.text.includes('PAYMENTS_DISABLED');
        if (res.status >= 500 && !documented) failures.push(`${res.status} ${where} → ${res.text}`);
        if (res.status >= 200 && res.status < 300) {
          anySuccess = true;
          before = await settled();
          continue;
        }
        const after = await fingerprint(t.db);
        const changed = changedTables(before, after);
        if (res.status >= 400 && changed.length) failures.push(`${res.status} changed ${changed.join(', ')}: ${where} → ${res.text}`);
        before = after;
      }
      if (anySuccess) {
        // A success may have disabled, re-passworded or re-levelled a fixture: start clean.
        await freshSessions();
        before = await settled();
      }
    }
    expect(sent).toBe(routes.length * CASES);
    expect(failures, `seed ${SEED}:\n${failures.join('\n')}`).toEqual([]);
  }, 600_000);
});
