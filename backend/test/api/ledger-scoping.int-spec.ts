import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { agentTree, fundAgent, loginAgent, uniqueKey } from '../setup/agents.js';

/**
 * Route-by-route scoping table. The actor is agent B in A → B → C → D (S is B's sibling under A,
 * X an unrelated top-level agent); each target-taking route is called for every relation, and
 * every route by a member and anonymously.
 */
let t: TestApp;
let admin: string;
let member: string;
const id: Record<string, string> = {};
const tok: Record<string, string> = {};

type Rel = 'own' | 'child' | 'grandchild' | 'sibling' | 'unrelated' | 'parent';
const REL_TARGET: Record<Rel, string> = { own: 'B', child: 'C', grandchild: 'D', sibling: 'S', unrelated: 'X', parent: 'A' };
const READ: Record<Rel, number> = { own: 200, child: 200, grandchild: 200, sibling: 404, unrelated: 404, parent: 404 };
const BELOW: Record<Rel, number> = { own: 403, child: 200, grandchild: 200, sibling: 404, unrelated: 404, parent: 404 };
const DECIDE: Record<Rel, number> = { own: 404, child: 200, grandchild: 200, sibling: 404, unrelated: 404, parent: 404 };

async function withdrawalOf(who: string) {
  const r = await t.api('POST', '/ledger/withdrawals', { token: tok[who], body: { amountFen: 1_000, account: '6222021234567890', idempotencyKey: uniqueKey('sw') } });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

interface TargetRoute {
  name: string;
  expected: Record<Rel, number>;
  call: (targetKey: string, token: string | undefined) => Promise<{ status: number }>;
  after?: (targetKey: string) => Promise<void>;
}

const TARGET_ROUTES: TargetRoute[] = [
  { name: 'GET /agent/sub-agents/:id', expected: READ, call: (k, token) => t.api('GET', `/agent/sub-agents/${id[k]}`, { token }) },
  { name: 'GET /agent/sub-agents?rootId', expected: READ, call: (k, token) => t.api('GET', `/agent/sub-agents?rootId=${id[k]}`, { token }) },
  { name: 'GET /ledger/agents?rootId', expected: READ, call: (k, token) => t.api('GET', `/ledger/agents?rootId=${id[k]}`, { token }) },
  { name: 'GET /ledger/statement?agentId', expected: READ, call: (k, token) => t.api('GET', `/ledger/statement?agentId=${id[k]}`, { token }) },
  { name: 'GET /ledger/statement/export?agentId', expected: READ, call: (k, token) => t.api('GET', `/ledger/statement/export?agentId=${id[k]}`, { token }) },
  { name: 'GET /ledger/transfers?agentId', expected: READ, call: (k, token) => t.api('GET', `/ledger/transfers?agentId=${id[k]}`, { token }) },
  { name: 'GET /ledger/withdrawals?agentId', expected: READ, call: (k, token) => t.api('GET', `/ledger/withdrawals?agentId=${id[k]}`, { token }) },
  { name: 'GET /ledger/stats?agentId', expected: READ, call: (k, token) => t.api('GET', `/ledger/stats?agentId=${id[k]}`, { token }) },
  {
    name: 'POST /agent/sub-agents/:id/disable',
    expected: BELOW,
    call: (k, token) => t.api('POST', `/agent/sub-agents/${id[k]}/disable`, { token }),
    after: async (k) => {
      // Disabling ends the target's sessions: enable it again and sign it back in.
      await t.api('POST', `/admin/users/${id[k]}/enable`, { token: admin });
      tok[k] = (await loginAgent(t, `sc_${k.toLowerCase()}`)).token;
    },
  },
  { name: 'POST /agent/sub-agents/:id/enable', expected: BELOW, call: (k, token) => t.api('POST', `/agent/sub-agents/${id[k]}/enable`, { token }) },
  { name: 'POST /agent/withdrawals/:id/approve', expected: DECIDE, call: async (k, token) => t.api('POST', `/agent/withdrawals/${await withdrawalOf(k)}/approve`, { token }) },
  { name: 'POST /agent/withdrawals/:id/reject', expected: DECIDE, call: async (k, token) => t.api('POST', `/agent/withdrawals/${await withdrawalOf(k)}/reject`, { token, body: { reason: 'scope' } }) },
  { name: 'POST /agent/withdrawals/:id/account', expected: DECIDE, call: async (k, token) => t.api('POST', `/agent/withdrawals/${await withdrawalOf(k)}/account`, { token }) },
];

/** Routes without a target: the caller's own data. Agents 2xx (or a business 4xx), members 403, anonymous 401. */
const OWN_ROUTES: Array<[string, string, () => object | undefined]> = [
  ['GET', '/ledger/accounts/me', () => undefined],
  ['GET', '/agent/sub-agents', () => undefined],
  ['GET', '/ledger/agents', () => undefined],
  ['GET', '/ledger/transfers', () => undefined],
  ['GET', '/ledger/withdrawals', () => undefined],
  ['GET', '/ledger/statement', () => undefined],
  ['GET', '/ledger/stats', () => undefined],
  ['POST', '/ledger/transfers', () => ({ toUsername: 'sc_c', amountFen: 100, idempotencyKey: uniqueKey('st') })],
  ['POST', '/ledger/withdrawals', () => ({ amountFen: 1_000, account: '6222021234567890', idempotencyKey: uniqueKey('sw') })],
  ['POST', '/agent/sub-agents', () => ({ username: `sc_n${Math.random().toString(36).slice(2, 8)}`, password: 'Agent-pass-123' })],
];

const ADMIN_ROUTES: Array<[string, string, () => object | undefined]> = [
  ['POST', '/admin/ledger/recharges', () => ({ agentId: id.B, amountFen: 100, reason: 'x', idempotencyKey: uniqueKey('sa') })],
  ['GET', '/admin/ledger/withdrawals', () => undefined],
  ['POST', '/admin/ledger/withdrawals/00000000-0000-4000-8000-000000000000/approve', () => undefined],
  ['POST', '/admin/ledger/withdrawals/00000000-0000-4000-8000-000000000000/reject', () => ({ reason: 'x' })],
  ['GET', '/admin/ledger/transfers', () => undefined],
  ['POST', '/admin/ledger/transfers/00000000-0000-4000-8000-000000000000/release', () => ({})],
  ['POST', '/admin/ledger/transfers/00000000-0000-4000-8000-000000000000/refuse', () => ({})],
  ['POST', '/admin/ledger/transfers/00000000-0000-4000-8000-000000000000/reverse', () => ({ reason: 'x' })],
  ['GET', '/admin/ledger/accounts', () => undefined],
  ['GET', '/admin/ledger/check', () => undefined],
  ['GET', '/admin/ledger/check/latest', () => undefined],
  ['GET', '/admin/ledger/settings', () => undefined],
  ['PUT', '/admin/ledger/settings', () => ({ minTransferFen: 100 })],
  ['GET', '/admin/agents', () => undefined],
  ['POST', `/admin/agents/${'00000000-0000-4000-8000-000000000000'}/move`, () => ({ parentId: null })],
  ['POST', '/admin/users', () => ({ username: 'sc_evil', password: 'Agent-pass-123', role: 'agent' })],
];

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  await t.api('PUT', '/admin/ledger/settings', { token: admin, body: { minWithdrawalFen: 1, minTransferFen: 1 } });
  const tree = await agentTree(t, admin, 'sc_');
  Object.assign(id, tree.id);
  Object.assign(tok, tree.tok);
  for (const k of ['A', 'B', 'C', 'D', 'S', 'X']) {
    await fundAgent(t, admin, id[k]!, 100_000);
  }
  member = (await t.registerMember('scope_member')).accessToken;
});
afterAll(async () => t?.close());

describe('scoping table (actor: agent B)', () => {
  for (const route of TARGET_ROUTES) {
    it(route.name, async () => {
      const got: Record<string, number> = {};
      for (const rel of Object.keys(REL_TARGET) as Rel[]) {
        got[rel] = (await route.call(REL_TARGET[rel], tok.B)).status;
        await route.after?.(REL_TARGET[rel]);
      }
      got.member = (await route.call('C', member)).status;
      got.anonymous = (await route.call('C', undefined)).status;
      expect(got).toEqual({ ...route.expected, member: 403, anonymous: 401 });
    });
  }

  it('own-data routes: agents yes, members 403, anonymous 401', async () => {
    for (const [method, path, body] of OWN_ROUTES) {
      const a = await t.api(method, path, { token: tok.B, body: body() });
      const m = await t.api(method, path, { token: member, body: body() });
      const n = await t.api(method, path, { body: body() });
      expect({ path, method, agent: a.status < 300, member: m.status, anonymous: n.status }).toEqual({ path, method, agent: true, member: 403, anonymous: 401 });
    }
  });

  it('lists never leak outside the subtree', async () => {
    const subs = await t.api('GET', '/agent/sub-agents?pageSize=100', { token: tok.B });
    expect(subs.body.items.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([id.C, id.D]));
    for (const a of subs.body.items as Array<{ id: string }>) expect([id.A, id.S, id.X]).not.toContain(a.id);
    const tr = await t.api('GET', '/ledger/transfers?pageSize=100', { token: tok.B });
    const mine = new Set(['sc_b', 'sc_c', 'sc_d']);
    for (const x of tr.body.items as Array<{ fromUsername: string | null; toUsername: string | null }>) expect(mine.has(x.fromUsername ?? '') || mine.has(x.toUsername ?? '')).toBe(true);
    const ws = await t.api('GET', '/ledger/withdrawals?pageSize=100', { token: tok.B });
    for (const w of ws.body.items as Array<{ agentId: string }>) expect([id.B, id.C, id.D]).toContain(w.agentId);
  });

  it('admin routes: agents 403, members 403, anonymous 401', async () => {
    for (const [method, path, body] of ADMIN_ROUTES) {
      const got = {
        agent: (await t.api(method, path, { token: tok.A, body: body() })).status,
        member: (await t.api(method, path, { token: member, body: body() })).status,
        anonymous: (await t.api(method, path, { body: body() })).status,
      };
      expect({ path, ...got }).toEqual({ path, agent: 403, member: 403, anonymous: 401 });
    }
  });
});
