import { expect } from 'vitest';
import type { TestApp } from './test-app.js';

/**
 * Agents and their quota for integration specs (ledger, card keys): create an agent (admin) or a
 * sub-agent (its parent), sign it in past the first-login password change, fund it by an admin
 * recharge. Every helper checks the status it expects, so a broken precondition fails where it is.
 */
export const AGENT_PASSWORD = 'Agent-pass-123';

let seq = 0;
/** A unique idempotency key (8–64 visible characters). */
export const uniqueKey = (prefix = 'k') => `${prefix}-${Date.now().toString(36)}-${(seq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** An admin creates an agent (under `parentId` when given); its id. */
export async function createAgent(t: TestApp, adminToken: string, username: string, opts: { parentId?: string; password?: string } = {}): Promise<string> {
  const body = { username, password: opts.password ?? AGENT_PASSWORD, role: 'agent', ...(opts.parentId ? { parentId: opts.parentId } : {}) };
  const r = await t.api('POST', '/admin/users', { token: adminToken, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

/** An agent creates a sub-agent (the caller becomes its parent); its id. */
export async function createSubAgent(t: TestApp, parentToken: string, username: string, password = AGENT_PASSWORD): Promise<string> {
  const r = await t.api('POST', '/agent/sub-agents', { token: parentToken, body: { username, password } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

/** Current passwords of agents whose initial password was changed here (per app). */
const changed = new Map<string, string>();

/** Signs an agent in; an account that must change its initial password does so first (seed §1.4). */
export async function loginAgent(t: TestApp, username: string, password = AGENT_PASSWORD): Promise<{ token: string; id: string }> {
  const current = changed.get(`${t.baseUrl}|${username}`) ?? password;
  let r = await t.loginAs(username, current);
  if (r.user?.mustChangePassword) {
    const next = `${password}-x`;
    const c = await t.api('POST', '/me/password', { token: r.accessToken, body: { currentPassword: current, newPassword: next } });
    expect(c.status).toBe(204);
    changed.set(`${t.baseUrl}|${username}`, next);
    r = await t.loginAs(username, next);
  }
  return { token: r.accessToken, id: r.user.id };
}

/**
 * Signs an agent in with its initial password after marking the first-login change as done in the
 * database: for specs that sign in many agents (the password-change route is rate limited; the
 * change itself is covered by `loginAgent` users and the auth specs).
 */
export async function loginAgentSkippingChange(t: TestApp, username: string, password = AGENT_PASSWORD): Promise<{ token: string; id: string }> {
  await t.db.query('UPDATE users SET must_change_password = false WHERE username = $1', [username]);
  const r = await t.loginAs(username, password);
  return { token: r.accessToken, id: r.user.id };
}

/** An admin recharges an agent's quota (system → agent); the transfer. */
export async function fundAgent(t: TestApp, adminToken: string, agentId: string, amountFen: number, idempotencyKey = uniqueKey('fund')): Promise<{ id: string; status: string }> {
  const r = await t.api('POST', '/admin/ledger/recharges', { token: adminToken, body: { agentId, amountFen, reason: 'test', idempotencyKey } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** The agents of a scoping tree: A → B → C → D, S (B's sibling under A), X (unrelated, top level). */
export type TreeAgent = 'A' | 'B' | 'C' | 'D' | 'S' | 'X';

/**
 * Builds the scoping tree (admin creates A and X, each parent creates its sub-agents), every agent
 * signed in; usernames are `${prefix}a` … `${prefix}x`.
 */
export async function agentTree(t: TestApp, adminToken: string, prefix: string): Promise<{ id: Record<TreeAgent, string>; tok: Record<TreeAgent, string> }> {
  const id = {} as Record<TreeAgent, string>;
  const tok = {} as Record<TreeAgent, string>;
  const login = async (k: TreeAgent) => (tok[k] = (await loginAgent(t, `${prefix}${k.toLowerCase()}`)).token);
  const sub = async (k: TreeAgent, parent: TreeAgent) => (id[k] = await createSubAgent(t, tok[parent], `${prefix}${k.toLowerCase()}`));
  id.A = await createAgent(t, adminToken, `${prefix}a`);
  await login('A');
  await sub('B', 'A');
  await sub('S', 'A');
  await login('B');
  await sub('C', 'B');
  await login('C');
  await sub('D', 'C');
  await login('D');
  await login('S');
  id.X = await createAgent(t, adminToken, `${prefix}x`);
  await login('X');
  return { id, tok };
}
