import { expect } from 'vitest';
import type { TestApp } from '../setup/test-app.js';

export const AGENT_PASSWORD = 'Agent-pass-123';

/** Logs in; an account that must change its initial password does so first (seed §1.4). */
export async function loginAgent(t: TestApp, username: string, password = AGENT_PASSWORD): Promise<{ token: string; id: string }> {
  let r = await t.loginAs(username, password);
  if (r.user?.mustChangePassword) {
    const next = `${password}-x`;
    const c = await t.api('POST', '/me/password', { token: r.accessToken, body: { currentPassword: password, newPassword: next } });
    expect(c.status).toBe(204);
    r = await t.loginAs(username, next);
  }
  return { token: r.accessToken, id: r.user.id };
}

export async function adminCreateAgent(t: TestApp, admin: string, username: string, parentId?: string): Promise<string> {
  const r = await t.api('POST', '/admin/users', { token: admin, body: { username, password: AGENT_PASSWORD, role: 'agent', ...(parentId ? { parentId } : {}) } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

export async function agentCreateSub(t: TestApp, token: string, username: string): Promise<string> {
  const r = await t.api('POST', '/agent/sub-agents', { token, body: { username, password: AGENT_PASSWORD } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

let seq = 0;
export const key = (p = 'k') => `${p}-${Date.now().toString(36)}-${(seq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Row counts of the ledger tables: "nothing written" checks. */
export async function ledgerCounts(t: TestApp) {
  const r = await t.db.query(
    `SELECT (SELECT count(*) FROM ledger_transfers)::int AS transfers, (SELECT count(*) FROM ledger_entries)::int AS entries,
            (SELECT count(*) FROM ledger_withdrawals)::int AS withdrawals, (SELECT COALESCE(sum(available_fen), 0)::text FROM ledger_accounts) AS avail,
            (SELECT COALESCE(sum(frozen_fen), 0)::text FROM ledger_accounts) AS frozen, (SELECT count(*) FROM ledger_settings)::int AS settings,
            (SELECT count(*) FROM agent_profiles)::int AS agents, (SELECT count(*) FROM users)::int AS users`,
  );
  return r.rows[0];
}
