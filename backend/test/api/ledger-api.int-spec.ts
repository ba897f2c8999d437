import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { LEDGER_QUOTA_CHANGED, LEDGER_WITHDRAWAL_DECIDED, type QuotaChangedEvent, type WithdrawalDecidedEvent } from '../../src/modules/ledger/ledger.events.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { agentTree, uniqueKey } from '../setup/agents.js';
import { ledgerCounts } from './ledger-fixtures.js';

let t: TestApp;
let admin: string;
/** A (top) → B → C → D; S is B's sibling under A; X is unrelated. */
const id: Record<string, string> = {};
const tok: Record<string, string> = {};
let member: string;
const quota: QuotaChangedEvent[] = [];
const decided: WithdrawalDecidedEvent[] = [];

const bal = async (who: string) => (await t.api('GET', '/ledger/accounts/me', { token: tok[who] })).body;
const recharge = (agentId: string, amountFen: number, k = uniqueKey('r')) => t.api('POST', '/admin/ledger/recharges', { token: admin, body: { agentId, amountFen, reason: 'test', idempotencyKey: k } });

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  t.app.get(EventEmitter2).on(LEDGER_QUOTA_CHANGED, (e: QuotaChangedEvent) => quota.push(e));
  t.app.get(EventEmitter2).on(LEDGER_WITHDRAWAL_DECIDED, (e: WithdrawalDecidedEvent) => decided.push(e));
  const tree = await agentTree(t, admin, 'ag_');
  Object.assign(id, tree.id);
  Object.assign(tok, tree.tok);
  member = (await t.registerMember('ledger_member')).accessToken;
});
afterAll(async () => t?.close());

describe('hierarchy', () => {
  it('admins create agents under a parent; agents create sub-agents; lists are scoped', async () => {
    const listB = await t.api('GET', '/agent/sub-agents', { token: tok.B });
    expect(listB.status).toBe(200);
    expect(listB.body.items.map((a: { username: string }) => a.username).sort()).toEqual(['ag_c', 'ag_d']);
    expect(listB.body.items.find((a: { username: string }) => a.username === 'ag_d')).toMatchObject({ parentId: id.C, parentUsername: 'ag_c', depth: 3 });
    const all = await t.api('GET', '/admin/agents?pageSize=100', { token: admin });
    expect(all.body.total).toBe(6);
    // A member cannot be a parent; parentId only with role agent.
    expect((await t.api('POST', '/admin/users', { token: admin, body: { username: 'ag_bad', password: 'Agent-pass-123', role: 'agent', parentId: '00000000-0000-4000-8000-000000000000' } })).body.code).toBe('AGENT_PARENT_INVALID');
    expect((await t.api('POST', '/admin/users', { token: admin, body: { username: 'm_bad', password: 'Agent-pass-123', role: 'user', parentId: id.A } })).status).toBe(400);
    expect((await t.api('POST', '/agent/sub-agents', { token: member, body: { username: 'm_sub', password: 'Agent-pass-123' } })).status).toBe(403);
  });

  it('admins move an agent (audited), never under its own subtree', async () => {
    const cyc = await t.api('POST', `/admin/agents/${id.B}/move`, { token: admin, body: { parentId: id.D } });
    expect(cyc.status).toBe(409);
    expect(cyc.body.code).toBe('AGENT_MOVE_CYCLE');
    expect((await t.api('POST', `/admin/agents/${id.B}/move`, { token: admin, body: { parentId: id.B } })).body.code).toBe('AGENT_MOVE_CYCLE');
    // Move C (with D) under X and back: the subtree moves along.
    const moved = await t.api('POST', `/admin/agents/${id.C}/move`, { token: admin, body: { parentId: id.X } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: id.X, depth: 1 });
    expect((await t.api('GET', `/agent/sub-agents/${id.D}`, { token: tok.X })).status).toBe(200);
    expect((await t.api('GET', `/agent/sub-agents/${id.D}`, { token: tok.B })).status).toBe(404);
    await t.api('POST', `/admin/agents/${id.C}/move`, { token: admin, body: { parentId: id.B } });
    expect((await t.api('GET', `/agent/sub-agents/${id.D}`, { token: tok.B })).body).toMatchObject({ depth: 3, parentId: id.C });
    const log = await t.api('GET', '/admin/operation-logs?action=agent.move', { token: admin });
    expect(log.body.total).toBe(2);
    expect((await t.api('POST', `/admin/agents/${id.C}/move`, { token: tok.A, body: { parentId: null } })).status).toBe(403);
  });

  it('a parent disables and enables agents below it, not itself or others', async () => {
    expect((await t.api('POST', `/agent/sub-agents/${id.D}/disable`, { token: tok.B })).body.status).toBe('disabled');
    expect((await t.api('GET', '/ledger/accounts/me', { token: tok.D })).body.code).toBe('AUTH_ACCOUNT_DISABLED');
    expect((await t.api('POST', `/agent/sub-agents/${id.D}/enable`, { token: tok.B })).body.status).toBe('active');
    expect((await t.api('POST', `/agent/sub-agents/${id.B}/disable`, { token: tok.B })).status).toBe(403);
    expect((await t.api('POST', `/agent/sub-agents/${id.S}/disable`, { token: tok.B })).status).toBe(404);
    expect((await t.api('POST', `/agent/sub-agents/${id.A}/disable`, { token: tok.B })).status).toBe(404);
  });
});

describe('operations', () => {
  it('admin recharge, replay and key reuse; the system account issues', async () => {
    const k = uniqueKey('rc');
    const r = await recharge(id.A!, 100_000, k);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'posted', amountFen: 100_000 });
    const again = await recharge(id.A!, 100_000, k);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: r.body.id, replayed: true });
    const reuse = await recharge(id.A!, 100_001, k);
    expect(reuse.status).toBe(409);
    expect(reuse.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await bal('A')).toEqual({ availableFen: 100_000, frozenFen: 0 });
    expect((await recharge('00000000-0000-4000-8000-000000000000', 5)).body.code).toBe('AGENT_NOT_FOUND');
    const sys = await t.api('GET', '/admin/ledger/accounts', { token: admin });
    expect(sys.body.find((a: { kind: string }) => a.kind === 'system')).toMatchObject({ availableFen: -100_000 });
    expect(quota.some((e) => e.userId === id.A && e.type === 'recharge' && e.availableDeltaFen === 100_000)).toBe(true);
  });

  it('agent → agent transfer by username; insufficient funds; unknown user; minimum', async () => {
    const r = await t.api('POST', '/ledger/transfers', { token: tok.A, body: { toUsername: 'AG_B', amountFen: 30_000, idempotencyKey: uniqueKey('t'), note: '下级额度' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'posted', amountFen: 30_000 });
    expect(await bal('A')).toEqual({ availableFen: 70_000, frozenFen: 0 });
    expect(await bal('B')).toEqual({ availableFen: 30_000, frozenFen: 0 });
    const short = await t.api('POST', '/ledger/transfers', { token: tok.B, body: { toUsername: 'ag_c', amountFen: 30_001, idempotencyKey: uniqueKey('t') } });
    expect([short.status, short.body.code]).toEqual([409, 'LEDGER_INSUFFICIENT_FUNDS']);
    const nobody = await t.api('POST', '/ledger/transfers', { token: tok.B, body: { toUsername: 'ledger_member', amountFen: 100, idempotencyKey: uniqueKey('t') } });
    expect([nobody.status, nobody.body.code]).toEqual([404, 'USER_NOT_FOUND']);
    expect((await t.api('POST', '/ledger/transfers', { token: tok.B, body: { toUsername: 'ag_b', amountFen: 100, idempotencyKey: uniqueKey('t') } })).body.code).toBe('LEDGER_SELF_TRANSFER');
    expect((await t.api('POST', '/ledger/transfers', { token: tok.B, body: { toUsername: 'ag_c', amountFen: 99, idempotencyKey: uniqueKey('t') } })).body.code).toBe('LEDGER_AMOUNT_TOO_SMALL');
    expect(await bal('B')).toEqual({ availableFen: 30_000, frozenFen: 0 });
  });

  it('risk hold: a large transfer waits for review; the admin releases or refuses it', async () => {
    expect((await t.api('PUT', '/admin/ledger/settings', { token: admin, body: { riskHoldAmountFen: 5_000 } })).body).toMatchObject({ riskHoldAmountFen: 5_000, minTransferFen: 100 });
    const held = await t.api('POST', '/ledger/transfers', { token: tok.A, body: { toUsername: 'ag_s', amountFen: 6_000, idempotencyKey: uniqueKey('t') } });
    expect(held.body).toMatchObject({ status: 'pending', held: true });
    expect(await bal('A')).toEqual({ availableFen: 64_000, frozenFen: 6_000 });
    const queue = await t.api('GET', '/admin/ledger/transfers?hold=review', { token: admin });
    expect(queue.body.items.map((x: { id: string }) => x.id)).toEqual([held.body.id]);
    const rel = await t.api('POST', `/admin/ledger/transfers/${held.body.id}/release`, { token: admin, body: {} });
    expect(rel.body).toMatchObject({ status: 'posted' });
    expect((await t.api('POST', `/admin/ledger/transfers/${held.body.id}/refuse`, { token: admin, body: {} })).status).toBe(409);
    const held2 = await t.api('POST', '/ledger/transfers', { token: tok.A, body: { toUsername: 'ag_s', amountFen: 7_000, idempotencyKey: uniqueKey('t') } });
    expect((await t.api('POST', `/admin/ledger/transfers/${held2.body.id}/refuse`, { token: admin, body: { reason: 'x' } })).body).toMatchObject({ status: 'voided' });
    expect(await bal('A')).toEqual({ availableFen: 64_000, frozenFen: 0 });
    expect(await bal('S')).toEqual({ availableFen: 6_000, frozenFen: 0 });
    await t.api('PUT', '/admin/ledger/settings', { token: admin, body: { riskHoldAmountFen: 5_000_000 } });
  });

  it('withdrawals: freeze, masked account, decided once by an admin or an ancestor', async () => {
    const w = await t.api('POST', '/ledger/withdrawals', { token: tok.B, body: { amountFen: 10_000, account: '6222 0212 3456 7890 123', idempotencyKey: uniqueKey('w') } });
    expect(w.status).toBe(201);
    expect(w.body).toMatchObject({ status: 'pending', amountFen: 10_000 });
    expect(await bal('B')).toEqual({ availableFen: 20_000, frozenFen: 10_000 });
    const list = await t.api('GET', '/ledger/withdrawals', { token: tok.B });
    expect(list.body.items[0]).toMatchObject({ id: w.body.id, accountMasked: '6222 **** **** 0123', status: 'pending' });
    const raw = await t.db.query('SELECT account_sealed FROM ledger_withdrawals WHERE id = $1', [w.body.id]);
    expect(raw.rows[0].account_sealed).not.toContain('6222');
    // The agent itself, a sibling, a child: not theirs to decide.
    expect((await t.api('POST', `/agent/withdrawals/${w.body.id}/approve`, { token: tok.B })).status).toBe(404);
    expect((await t.api('POST', `/agent/withdrawals/${w.body.id}/approve`, { token: tok.S })).status).toBe(404);
    expect((await t.api('POST', `/agent/withdrawals/${w.body.id}/approve`, { token: tok.C })).status).toBe(404);
    // The parent approves; decided once.
    const ok = await t.api('POST', `/agent/withdrawals/${w.body.id}/approve`, { token: tok.A });
    expect(ok.body).toEqual({ id: w.body.id, status: 'approved' });
    const again = await t.api('POST', `/admin/ledger/withdrawals/${w.body.id}/reject`, { token: admin, body: { reason: 'late' } });
    expect([again.status, again.body.code]).toEqual([409, 'WITHDRAWAL_ALREADY_DECIDED']);
    expect(await bal('B')).toEqual({ availableFen: 20_000, frozenFen: 0 });
    expect(decided).toContainEqual(expect.objectContaining({ withdrawalId: w.body.id, decision: 'approved', agentId: id.B }));
    const w2 = await t.api('POST', '/ledger/withdrawals', { token: tok.B, body: { amountFen: 5_000, account: 'alipay bob@example.com', idempotencyKey: uniqueKey('w') } });
    const rej = await t.api('POST', `/admin/ledger/withdrawals/${w2.body.id}/reject`, { token: admin, body: { reason: '信息有误' } });
    expect(rej.body).toEqual({ id: w2.body.id, status: 'rejected' });
    expect(await bal('B')).toEqual({ availableFen: 20_000, frozenFen: 0 });
    expect((await t.api('POST', '/ledger/withdrawals', { token: tok.B, body: { amountFen: 999, account: 'x123', idempotencyKey: uniqueKey('w') } })).body.code).toBe('LEDGER_AMOUNT_TOO_SMALL');
  });

  it('approve and reject racing: exactly one wins, money moves once', async () => {
    for (let round = 0; round < 5; round++) {
      const w = await t.api('POST', '/ledger/withdrawals', { token: tok.B, body: { amountFen: 1_000, account: '6222021234567890', idempotencyKey: uniqueKey('race') } });
      const rs = await Promise.all([
        t.api('POST', `/admin/ledger/withdrawals/${w.body.id}/approve`, { token: admin }),
        t.api('POST', `/admin/ledger/withdrawals/${w.body.id}/reject`, { token: admin, body: { reason: 'race' } }),
        t.api('POST', `/agent/withdrawals/${w.body.id}/approve`, { token: tok.A }),
        t.api('POST', `/agent/withdrawals/${w.body.id}/reject`, { token: tok.A, body: { reason: 'race' } }),
      ]);
      expect(rs.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
      expect((await bal('B')).frozenFen).toBe(0);
    }
    const check = await t.api('GET', '/admin/ledger/check', { token: admin });
    expect(check.body).toMatchObject({ ok: true, sumFen: 0, negativeAccounts: 0, unresolvedPending: 0 });
  });

  it('statement: opening + entries = closing; export; stats', async () => {
    const from = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
    t.clock.advance(60_000);
    const st = await t.api('GET', `/ledger/statement?from=${encodeURIComponent(from)}&pageSize=100`, { token: tok.A });
    expect(st.status).toBe(200);
    const sum = st.body.items.reduce((s: number, i: { amountFen: number }) => s + i.amountFen, 0);
    expect(st.body.openingFen + sum).toBe(st.body.closingFen);
    expect(st.body.closingFen).toBe((await bal('A')).availableFen + (await bal('A')).frozenFen);
    expect(st.body.items[st.body.items.length - 1].balanceFen).toBe(st.body.closingFen);
    expect(st.body.items[0]).toMatchObject({ type: 'recharge', amountFen: 100_000, counterparty: 'system' });
    const x = await fetch(`${t.baseUrl}/api/v1/ledger/statement/export?from=${encodeURIComponent(from)}`, { headers: { authorization: `Bearer ${tok.A}` } });
    expect(x.status).toBe(200);
    expect(x.headers.get('content-type')).toContain('spreadsheetml');
    expect(Buffer.from(await x.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const stats = await t.api('GET', '/ledger/stats', { token: tok.A });
    expect(stats.body.byType.find((s: { type: string }) => s.type === 'recharge')).toMatchObject({ inFen: 100_000 });
    const statsB = await t.api('GET', '/ledger/stats', { token: tok.B });
    expect(statsB.body.byType.find((s: { type: string }) => s.type === 'recharge')).toBeUndefined();
  });

  it('a correction is a reversal entry, once', async () => {
    const r = await recharge(id.X!, 2_000);
    const rev = await t.api('POST', `/admin/ledger/transfers/${r.body.id}/reverse`, { token: admin, body: { reason: '误充值' } });
    expect(rev.status).toBe(201);
    expect(await bal('X')).toEqual({ availableFen: 0, frozenFen: 0 });
    expect((await t.api('POST', `/admin/ledger/transfers/${r.body.id}/reverse`, { token: admin, body: { reason: 'again' } })).body.code).toBe('LEDGER_ALREADY_REVERSED');
    expect((await t.api('GET', '/admin/ledger/check', { token: admin })).body.ok).toBe(true);
  });

  it('transfer and withdrawal lists page and sort on their columns (list-query kit); other columns → 400', async () => {
    const amounts = async (route: string) => {
      const r = await t.api('GET', route, { token: admin });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body.items as Array<{ amountFen: number }>).map((i) => i.amountFen);
    };
    const asc = await amounts('/admin/ledger/transfers?sort=amountFen:asc&pageSize=100');
    expect(asc.length).toBeGreaterThan(3);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(await amounts('/admin/ledger/transfers?sort=amountFen:desc&pageSize=100')).toEqual([...asc].reverse());
    expect(await amounts('/admin/ledger/transfers?sort=amountFen:asc&pageSize=2&page=2')).toEqual(asc.slice(2, 4));
    const w = await amounts('/admin/ledger/withdrawals?sort=amountFen:asc');
    expect(w).toEqual([...w].sort((a, b) => a - b));
    for (const route of ['/admin/ledger/transfers?sort=note:asc', '/admin/ledger/transfers?sort=t.id;drop:asc', '/ledger/withdrawals?sort=reason:desc', '/admin/ledger/transfers?pageSize=101']) {
      const r = await t.api('GET', route, { token: admin });
      expect({ route, status: r.status }).toEqual({ route, status: 400 });
    }
  });
});

describe('bad input on every write: 4xx and nothing written', () => {
  it('refuses negative, zero, fractional, over 2^53, strings, unknown fields, bad keys', async () => {
    const w = await t.api('POST', '/ledger/withdrawals', { token: tok.A, body: { amountFen: 1_000, account: '6222021234567890', idempotencyKey: uniqueKey('bad') } });
    const before = await ledgerCounts(t);
    const amounts: unknown[] = [-1, 0, 1.5, 2 ** 53, 9007199254740993, '100', null, true, [], {}];
    const k = () => uniqueKey('bad');
    const cases: Array<[string, string, string, (a: unknown) => object]> = [
      ['POST', '/admin/ledger/recharges', admin, (a) => ({ agentId: id.A, amountFen: a, reason: 'x', idempotencyKey: k() })],
      ['POST', '/ledger/transfers', tok.A!, (a) => ({ toUsername: 'ag_b', amountFen: a, idempotencyKey: k() })],
      ['POST', '/ledger/withdrawals', tok.A!, (a) => ({ amountFen: a, account: '6222021234567890', idempotencyKey: k() })],
      ['PUT', '/admin/ledger/settings', admin, (a) => ({ minTransferFen: a })],
    ];
    for (const [method, path, token, body] of cases) {
      for (const a of amounts) {
        const r = await t.api(method, path, { token, body: body(a) });
        expect({ path, a, status: r.status }).toEqual({ path, a, status: 400 });
      }
      const extra = await t.api(method, path, { token, body: { ...body(100), extra: 1 } });
      expect({ path, status: extra.status }).toEqual({ path, status: 400 });
    }
    const others: Array<[string, string, string, unknown]> = [
      ['POST', '/admin/ledger/recharges', admin, { agentId: id.A, amountFen: 100, reason: 'x', idempotencyKey: 'short' }],
      ['POST', '/admin/ledger/recharges', admin, { agentId: id.A, amountFen: 100, reason: 'x\u0000', idempotencyKey: k() }],
      ['POST', '/admin/ledger/recharges', admin, { agentId: 'not-a-uuid', amountFen: 100, reason: 'x', idempotencyKey: k() }],
      ['POST', '/admin/ledger/recharges', admin, { agentId: id.A, amountFen: 100, idempotencyKey: k() }],
      ['POST', '/ledger/transfers', tok.A!, { toUsername: 'ag b', amountFen: 100, idempotencyKey: k() }],
      ['POST', '/ledger/transfers', tok.A!, { toUsername: 'ag_b', amountFen: 100, idempotencyKey: 'x'.repeat(65) }],
      ['POST', '/ledger/withdrawals', tok.A!, { amountFen: 1000, account: '', idempotencyKey: k() }],
      ['POST', `/admin/ledger/withdrawals/${w.body.id}/reject`, admin, { reason: '' }],
      ['POST', `/admin/ledger/withdrawals/${w.body.id}/reject`, admin, { reason: 'x', extra: 1 }],
      ['POST', `/admin/ledger/withdrawals/${w.body.id}/reject`, admin, {}],
      ['POST', `/admin/agents/${id.C}/move`, admin, { parentId: 'nope' }],
      ['POST', `/admin/agents/${id.C}/move`, admin, {}],
      ['POST', '/agent/sub-agents', tok.A!, { username: 'ok_name', password: 'Agent-pass-123', role: 'admin' }],
      ['POST', '/agent/sub-agents', tok.A!, { username: 'x', password: 'Agent-pass-123' }],
      ['PUT', '/admin/ledger/settings', admin, { riskHoldPerHour: -1 }],
    ];
    for (const [method, path, token, body] of others) {
      const r = await t.api(method, path, { token, body });
      expect({ path, body, status: r.status }).toEqual({ path, body, status: 400 });
    }
    for (const path of ['/admin/ledger/withdrawals/nope/approve', '/admin/ledger/transfers/nope/release', '/admin/ledger/transfers/00000000-0000-4000-8000-000000000000/reverse']) {
      const r = await t.api('POST', path, { token: admin, body: path.endsWith('reverse') ? { reason: 'x' } : {} });
      expect({ path, status: r.status }).toEqual({ path, status: 404 });
    }
    expect(await ledgerCounts(t)).toEqual(before);
  });
});
