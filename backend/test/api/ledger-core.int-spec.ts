import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { AgentsService } from '../../src/modules/agents/agents.service.js';
import { LedgerService } from '../../src/modules/ledger/ledger.service.js';
import { createAgent } from '../setup/agents.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let admin: string;
let ledger: LedgerService;
let agents: AgentsService;
let ds: DataSource;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  ledger = t.app.get(LedgerService);
  agents = t.app.get(AgentsService);
  ds = t.app.get(DataSource);
  ids.a = await createAgent(t, admin, 'core_a');
  ids.b = await createAgent(t, admin, 'core_b', { parentId: ids.a });
  ids.c = await createAgent(t, admin, 'core_c', { parentId: ids.b });
  ids.x = await createAgent(t, admin, 'core_x');
});
afterAll(async () => t?.close());

describe('AgentsService (the API card keys builds on)', () => {
  it('subtreeIds, isAgent, assertInScope', async () => {
    expect((await agents.subtreeIds(ids.a!)).sort()).toEqual([ids.a, ids.b, ids.c].sort());
    expect(await agents.subtreeIds(ids.c!)).toEqual([ids.c]);
    expect(await agents.isAgent(ids.b!)).toBe(true);
    const adminUser = (await t.loginAs(ADMIN.username, ADMIN.password)).user;
    expect(await agents.isAgent(adminUser.id)).toBe(false);
    await expect(agents.assertInScope({ id: ids.a!, role: 'agent' }, ids.c!)).resolves.toBeUndefined();
    await expect(agents.assertInScope({ id: ids.b!, role: 'agent' }, ids.a!)).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND' });
    await expect(agents.assertInScope({ id: ids.x!, role: 'agent' }, ids.b!)).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND' });
    await expect(agents.assertInScope({ id: ids.x!, role: 'user' }, ids.x!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(agents.assertInScope({ id: adminUser.id, role: 'admin' }, ids.c!)).resolves.toBeUndefined();
  });
});

describe('LedgerService.postIn', () => {
  it('posts, refuses overdrafts, replays and refuses a reused key', async () => {
    const r1 = await ledger.post({ from: { kind: 'system' }, to: { kind: 'agent', userId: ids.a! }, amountFen: 10_000n, type: 'recharge', idempotencyKey: 'core:r1' });
    expect(r1).toMatchObject({ status: 'posted', amountFen: 10_000n, replayed: false });
    const again = await ledger.post({ from: { kind: 'system' }, to: { kind: 'agent', userId: ids.a! }, amountFen: 10_000n, type: 'recharge', idempotencyKey: 'core:r1' });
    expect(again).toMatchObject({ id: r1.id, status: 'posted', replayed: true });
    await expect(ledger.post({ from: { kind: 'system' }, to: { kind: 'agent', userId: ids.a! }, amountFen: 10_001n, type: 'recharge', idempotencyKey: 'core:r1' })).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(
      ds.transaction((m) => ledger.postIn(m, { from: { kind: 'agent', userId: ids.a! }, to: { kind: 'card_sales' }, amountFen: 10_001n, type: 'card_purchase', idempotencyKey: 'core:p1' })),
    ).rejects.toMatchObject({ code: 'LEDGER_INSUFFICIENT_FUNDS' });
    const p = await ds.transaction((m) => ledger.postIn(m, { from: { kind: 'agent', userId: ids.a! }, to: { kind: 'card_sales' }, amountFen: 4_000n, type: 'card_purchase', idempotencyKey: 'core:p1' }));
    expect(p.status).toBe('posted');
    await ds.transaction((m) => ledger.postIn(m, { from: { kind: 'card_sales' }, to: { kind: 'agent', userId: ids.a! }, amountFen: 1_000n, type: 'card_refund', idempotencyKey: 'core:p1:refund' }));
    expect(await ledger.balanceOf(ids.a!)).toEqual({ availableFen: 7_000, frozenFen: 0 });
    const sums = await t.db.query('SELECT sum(available_fen + frozen_fen)::text AS s FROM ledger_accounts');
    expect(sums.rows[0].s).toBe('0');
  });

  it('a pending transfer freezes and resolves once', async () => {
    const w = await ledger.post({ from: { kind: 'agent', userId: ids.a! }, to: { kind: 'withdrawals_payable' }, amountFen: 2_000n, type: 'withdrawal', idempotencyKey: 'core:w1', pending: true });
    expect(w.status).toBe('pending');
    expect(await ledger.balanceOf(ids.a!)).toEqual({ availableFen: 5_000, frozenFen: 2_000 });
    const results = await Promise.allSettled([
      ds.transaction((m) => ledger.resolveIn(m, w.id, 'posted', null)),
      ds.transaction((m) => ledger.resolveIn(m, w.id, 'voided', null)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const b = await ledger.balanceOf(ids.a!);
    expect(b.frozenFen).toBe(0);
    expect([5_000, 7_000]).toContain(b.availableFen);
  });
});

describe('demo agents', () => {
  it('seeds a parent and a sub-agent with balances and movements, once', async () => {
    const { DemoAgentsSeeder, DEMO_AGENTS } = await import('../../src/modules/ledger/demo-agents.seeder.js');
    // Demo seeds are skipped with DEMO_DATA off (the test default): run it directly, twice (idempotent).
    await t.app.get(DemoAgentsSeeder).run();
    await t.app.get(DemoAgentsSeeder).run();
    const parent = await t.loginAs(DEMO_AGENTS.parent.username, DEMO_AGENTS.parent.password);
    const sub = await t.loginAs(DEMO_AGENTS.sub.username, DEMO_AGENTS.sub.password);
    expect(await agents.subtreeIds(parent.user.id)).toEqual(expect.arrayContaining([parent.user.id, sub.user.id]));
    expect(await ledger.balanceOf(parent.user.id)).toEqual({ availableFen: 1_220_000, frozenFen: 0 });
    expect(await ledger.balanceOf(sub.user.id)).toEqual({ availableFen: 230_000, frozenFen: 50_000 });
  });
});
