import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { LedgerService } from '../../src/modules/ledger/ledger.service.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { createAgent, fundAgent, loginAgent, uniqueKey } from '../setup/agents.js';

let t: TestApp;
let admin: string;
const N = 6;
const agents: Array<{ id: string; token: string; username: string }> = [];

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  // No risk holds here: every transfer posts at once; minimums of 1 fen.
  await t.api('PUT', '/admin/ledger/settings', { token: admin, body: { riskHoldAmountFen: 0, riskHoldPerHour: 0, minTransferFen: 1, minWithdrawalFen: 1 } });
  for (let i = 0; i < N; i++) {
    const username = `cc_${i}`;
    const id = await createAgent(t, admin, username);
    agents.push({ id, username, token: (await loginAgent(t, username)).token });
  }
});
afterAll(async () => t?.close());

const balanceOf = async (i: number) => (await t.api('GET', '/ledger/accounts/me', { token: agents[i]!.token })).body as { availableFen: number; frozenFen: number };
const check = async () => (await t.api('GET', '/admin/ledger/check', { token: admin })).body;

describe('50 parallel transfers from an account that can afford 30', () => {
  it('exactly 30 succeed over HTTP (freeze → post), every round', async () => {
    for (let round = 0; round < 3; round++) {
      await fundAgent(t, admin, agents[0]!.id, 3_000);
      const rs = await Promise.all(
        Array.from({ length: 50 }, (_, i) => t.api('POST', '/ledger/transfers', { token: agents[0]!.token, body: { toUsername: agents[1 + (i % (N - 1))]!.username, amountFen: 100, idempotencyKey: uniqueKey('p') } })),
      );
      expect(rs.filter((r) => r.status === 201)).toHaveLength(30);
      expect(rs.filter((r) => r.status === 409 && r.body.code === 'LEDGER_INSUFFICIENT_FUNDS')).toHaveLength(20);
      expect(await balanceOf(0)).toEqual({ availableFen: 0, frozenFen: 0 });
    }
    expect(await check()).toMatchObject({ ok: true, sumFen: 0, unresolvedPending: 0 });
  });

  it('exactly 30 succeed through LedgerService.postIn (each in its own transaction)', async () => {
    const ledger = t.app.get(LedgerService);
    const ds = t.app.get(DataSource);
    for (let round = 0; round < 3; round++) {
      await ledger.post({ from: { kind: 'system' }, to: { kind: 'agent', userId: agents[0]!.id }, amountFen: 3_000n, type: 'recharge', idempotencyKey: uniqueKey('svc-fund') });
      const rs = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          ds.transaction((m) => ledger.postIn(m, { from: { kind: 'agent', userId: agents[0]!.id }, to: i % 2 ? { kind: 'card_sales' } : { kind: 'agent', userId: agents[1]!.id }, amountFen: 100n, type: i % 2 ? 'card_purchase' : 'transfer', idempotencyKey: uniqueKey('svc') })),
        ),
      );
      expect(rs.filter((r) => r.status === 'fulfilled')).toHaveLength(30);
      expect(rs.filter((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'LEDGER_INSUFFICIENT_FUNDS')).toHaveLength(20);
    }
    expect(await check()).toMatchObject({ ok: true });
  });
});

/** mulberry32: a seeded PRNG, so a failing sequence can be replayed. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('property: random concurrent operations keep every invariant and match a sequential model', () => {
  it('recharge / transfer / withdraw / approve / reject / replay', async () => {
    // The model starts from the balances the earlier tests left.
    const model = await Promise.all(agents.map((_, i) => balanceOf(i)));
    const pending: Array<{ id: string; agent: number; amount: number }> = [];
    const sent: Array<{ method: string; path: string; token: string; body: object; id: string }> = [];
    for (const seed of [11, 23, 37, 41]) {
      const rnd = prng(seed);
      const pick = (n: number) => Math.floor(rnd() * n);
      const ops: Array<() => Promise<void>> = [];
      for (let i = 0; i < 40; i++) {
        const kind = pick(6);
        if (kind === 0) {
          const a = pick(N);
          const amount = 1 + pick(5_000);
          const body = { agentId: agents[a]!.id, amountFen: amount, reason: 'prop', idempotencyKey: uniqueKey('pr') };
          ops.push(async () => {
            const r = await t.api('POST', '/admin/ledger/recharges', { token: admin, body });
            expect(r.status).toBe(201);
            model[a]!.availableFen += amount;
            sent.push({ method: 'POST', path: '/admin/ledger/recharges', token: admin, body, id: r.body.id });
          });
        } else if (kind === 1 || kind === 2) {
          const from = pick(N);
          const to = (from + 1 + pick(N - 1)) % N;
          const amount = 1 + pick(3_000);
          const body = { toUsername: agents[to]!.username, amountFen: amount, idempotencyKey: uniqueKey('pt') };
          ops.push(async () => {
            const r = await t.api('POST', '/ledger/transfers', { token: agents[from]!.token, body });
            if (r.status === 409) return expect(r.body.code).toBe('LEDGER_INSUFFICIENT_FUNDS');
            expect([r.status, r.body.status]).toEqual([201, 'posted']);
            model[from]!.availableFen -= amount;
            model[to]!.availableFen += amount;
            sent.push({ method: 'POST', path: '/ledger/transfers', token: agents[from]!.token, body, id: r.body.id });
          });
        } else if (kind === 3) {
          const a = pick(N);
          const amount = 1 + pick(2_000);
          const body = { amountFen: amount, account: `6222${String(seed).padStart(12, '0')}`, idempotencyKey: uniqueKey('pw') };
          ops.push(async () => {
            const r = await t.api('POST', '/ledger/withdrawals', { token: agents[a]!.token, body });
            if (r.status === 409) return expect(r.body.code).toBe('LEDGER_INSUFFICIENT_FUNDS');
            expect(r.status).toBe(201);
            model[a]!.availableFen -= amount;
            model[a]!.frozenFen += amount;
            pending.push({ id: r.body.id, agent: a, amount });
            sent.push({ method: 'POST', path: '/ledger/withdrawals', token: agents[a]!.token, body, id: r.body.id });
          });
        } else if (kind === 4) {
          const approve = rnd() < 0.5;
          const which = rnd();
          ops.push(async () => {
            const w = pending[Math.floor(which * pending.length)];
            if (!w) return;
            const r = approve
              ? await t.api('POST', `/admin/ledger/withdrawals/${w.id}/approve`, { token: admin })
              : await t.api('POST', `/admin/ledger/withdrawals/${w.id}/reject`, { token: admin, body: { reason: 'prop' } });
            if (r.status === 409) return expect(r.body.code).toBe('WITHDRAWAL_ALREADY_DECIDED');
            expect(r.status).toBe(200);
            model[w.agent]!.frozenFen -= w.amount;
            if (!approve) model[w.agent]!.availableFen += w.amount;
          });
        } else {
          const which = rnd();
          ops.push(async () => {
            const s = sent[Math.floor(which * sent.length)];
            if (!s) return;
            const r = await t.api(s.method, s.path, { token: s.token, body: s.body });
            expect(r.status).toBe(201);
            expect(r.body).toMatchObject({ id: s.id, replayed: true });
            const reuse = await t.api(s.method, s.path, { token: s.token, body: { ...s.body, amountFen: (s.body as { amountFen: number }).amountFen + 1 } });
            expect([reuse.status, reuse.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
          });
        }
      }
      await Promise.all(ops.map((op) => op()));
      expect(await check()).toMatchObject({ ok: true, sumFen: 0, negativeAccounts: 0, frozenMismatches: 0, balanceMismatches: 0, badTransfers: 0 });
      const actual = await Promise.all(agents.map((_, i) => balanceOf(i)));
      expect(actual).toEqual(model);
    }
  });
});
