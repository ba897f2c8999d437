import { EventEmitter2 } from '@nestjs/event-emitter';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AllocationService } from '../../src/modules/allocation/allocation.service.js';
import { StocksInUseReader } from '../../src/modules/allocation/stocks-in-use.reader.js';
import { TrackedStocksService } from '../../src/modules/market-data/sync/tracked-stocks.service.js';
import { VipService } from '../../src/modules/vip/vip.service.js';
import { VIP_LEVEL_CHANGED } from '../../src/modules/vip/vip.events.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { activatePool, activeCodes, createPool, expectCountersConsistent, expectTrackedStocksCurrent, LISTED, seedStocks, waitForHoldings } from './pool-fixtures.js';
import { waitFor } from '../setup/wait-for.js';

let t: TestApp;
let admin: string;
const POOL_A = LISTED.slice(0, 30);
const POOL_B = LISTED.slice(20, 60);
let poolA: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  await seedStocks(t);
});
afterAll(async () => t?.close());
// Tests move the clock (expiry); a fresh admin token each time.
beforeEach(async () => {
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
});

const grant = (userId: string, level: number, months = 3) =>
  t.api('POST', `/admin/users/${userId}/vip-grants`, { token: admin, body: { level, months, reason: 'test' } });

describe('before any pool is active', () => {
  it('a registration gets nothing and nothing breaks', async () => {
    const m = await t.registerMember('early_bird');
    await new Promise((r) => setTimeout(r, 300));
    expect(await activeCodes(t, m.user.id)).toEqual([]);
    const mine = await t.api('GET', '/me/stocks', { token: m.accessToken });
    expect(mine).toMatchObject({ status: 200, body: { items: [] } });
  });

  it('activating the first pool allocates every existing member, and only members', async () => {
    const agent = await t.api('POST', '/admin/users', { token: admin, body: { username: 'agent_one', password: 'agent-pass-1', role: 'agent' } });
    expect(agent.status).toBe(201);
    const pool = await createPool(t, admin, POOL_A, 'Pool A');
    poolA = pool.id;
    const job = await activatePool(t, admin, poolA);
    expect(job).toMatchObject({ status: 'done', total: 1, processed: 1, failed: 0, poolId: poolA });
    const early = (await t.db.query(`SELECT id FROM users WHERE username = 'early_bird'`)).rows[0].id;
    expect(await activeCodes(t, early)).toHaveLength(5);
    const others = await t.db.query(`SELECT count(*)::int AS n FROM allocations a JOIN users u ON u.id = a.user_id WHERE u.role <> 'user'`);
    expect(others.rows[0].n).toBe(0);
    await expectCountersConsistent(t);
  });
});

describe('registration and /me/stocks', () => {
  it('a new member gets 5 stocks from the active pool, in the api.md shape', async () => {
    const m = await t.registerMember('newbie');
    await waitForHoldings(t, m.user.id, 5);
    const r = await t.api('GET', '/me/stocks', { token: m.accessToken });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['items']);
    expect(r.body.items).toHaveLength(5);
    for (const item of r.body.items) {
      expect(Object.keys(item).sort()).toEqual(['allocatedAt', 'changePct', 'latestSignal', 'name', 'tsCode']);
      expect(POOL_A).toContain(item.tsCode);
      expect(item.latestSignal).toBeNull();
      expect(item.changePct).toBeNull(); // no bars stored
      expect(item.allocatedAt).toBe(t.clock.now().toISOString());
      expect(typeof item.name).toBe('string');
    }
    expect(new Set(r.body.items.map((i: { tsCode: string }) => i.tsCode)).size).toBe(5);
    const draws = await t.db.query(`SELECT reason, quota, jsonb_array_length(picks) AS n FROM draws WHERE user_id = $1`, [m.user.id]);
    expect(draws.rows).toEqual([{ reason: 'register', quota: 5, n: 5 }]);
    await expectCountersConsistent(t);
  });

  it('agents are refused; admins and agents never get stocks', async () => {
    const agent = await t.loginAs('agent_one', 'agent-pass-1');
    expect((await t.api('GET', '/me/stocks', { token: agent.accessToken })).status).toBe(403);
    expect((await t.api('GET', '/me/stocks')).status).toBe(401);
    const outcome = await t.app.get(AllocationService).syncMember(agent.user.id, 'register');
    expect(outcome.status).toBe('not_member');
  });
});

describe('level changes', () => {
  it('an upgrade tops up to the new quota, keeping the stocks held', async () => {
    const m = await t.registerMember('climber');
    const first = await waitForHoldings(t, m.user.id, 5);
    expect((await grant(m.user.id, 2)).status).toBe(201); // VIP2: 20 stocks
    const after = await waitForHoldings(t, m.user.id, 20);
    expect(after.slice(0, 5)).toEqual(first);
    expect(new Set(after).size).toBe(20);
    const draws = await t.db.query(`SELECT reason, quota, held FROM draws WHERE user_id = $1 ORDER BY id`, [m.user.id]);
    expect(draws.rows.map((d) => [d.reason, d.quota, d.held.length])).toEqual([['register', 5, 0], ['level_change', 20, 5]]);
    const me = await t.api('GET', '/me/stocks', { token: m.accessToken });
    expect(me.body.items.map((i: { tsCode: string }) => i.tsCode)).toEqual(after);
  });

  it('SVIP (unlimited) gets every eligible stock of the pool', async () => {
    const m = await t.registerMember('whale');
    await waitForHoldings(t, m.user.id, 5);
    await grant(m.user.id, 4);
    const all = await waitForHoldings(t, m.user.id, POOL_A.length);
    expect([...all].sort()).toEqual([...POOL_A].sort());
  });

  it('expiry releases the newest picks (reason expiry), shown at read time before the job runs', async () => {
    const m = await t.registerMember('lapsed');
    const base = await waitForHoldings(t, m.user.id, 5);
    await grant(m.user.id, 1); // VIP1: 10
    const ten = await waitForHoldings(t, m.user.id, 10);
    t.clock.advance(100 * 24 * 3600_000); // past the 3-month term
    // Read-time rule: the expired member already sees only the 5 oldest, before any job ran.
    const seen = await t.api('GET', '/me/stocks', { token: (await t.loginAs('lapsed', 'member-pass-1')).accessToken });
    expect(seen.body.items.map((i: { tsCode: string }) => i.tsCode)).toEqual(base);
    await t.app.get(VipService).sweepExpired();
    const after = await waitForHoldings(t, m.user.id, 5);
    expect(after).toEqual(base);
    const released = await t.db.query(`SELECT ts_code, release_reason FROM allocations WHERE user_id = $1 AND released_at IS NOT NULL ORDER BY id`, [m.user.id]);
    expect(released.rows.map((r) => r.ts_code)).toEqual(ten.slice(5));
    expect(new Set(released.rows.map((r) => r.release_reason))).toEqual(new Set(['expiry']));
    await expectCountersConsistent(t);
  });

  it('a repeated or late event is harmless (idempotent)', async () => {
    const m = await t.registerMember('repeat');
    const five = await waitForHoldings(t, m.user.id, 5);
    const events = t.app.get(EventEmitter2);
    for (let i = 0; i < 3; i++) events.emit(VIP_LEVEL_CHANGED, { userId: m.user.id, from: 0, to: 1 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await activeCodes(t, m.user.id)).toEqual(five);
    const draws = await t.db.query(`SELECT count(*)::int AS n FROM draws WHERE user_id = $1`, [m.user.id]);
    expect(draws.rows[0].n).toBe(1);
  });
});

describe('concurrency', () => {
  it('concurrent top-ups for one member never exceed the quota', async () => {
    const m = await t.registerMember('racer');
    await waitForHoldings(t, m.user.id, 5);
    await t.db.query(`INSERT INTO subscriptions (user_id, level, starts_at, expires_at, notified_level) VALUES ($1, 3, $2, $3, 3)`, [
      m.user.id,
      t.clock.now(),
      new Date(t.clock.now().getTime() + 90 * 24 * 3600_000),
    ]);
    const svc = t.app.get(AllocationService);
    const draws = async () => Number((await t.db.query('SELECT count(*) FROM draws WHERE user_id = $1', [m.user.id])).rows[0].count);
    const drawsBefore = await draws();
    // 20 triggers at once (VIP3: quota 50 > pool size 30 → all 30), plus events on top.
    const events = t.app.get(EventEmitter2);
    const outcomes = await Promise.all([
      ...Array.from({ length: 20 }, () => svc.syncMember(m.user.id, 'level_change')),
      ...Array.from({ length: 5 }, () => events.emitAsync(VIP_LEVEL_CHANGED, { userId: m.user.id, from: 0, to: 3 })),
    ]);
    // Exactly one of the 25 triggers draws: a direct sync, or an event's listener when it takes the
    // member's lock first (a loaded machine can order them either way).
    expect(outcomes.filter((o) => (o as { status?: string }).status === 'drawn').length).toBeLessThanOrEqual(1);
    expect((await draws()) - drawsBefore).toBe(1);
    const codes = await activeCodes(t, m.user.id);
    expect(codes).toHaveLength(30);
    expect(new Set(codes).size).toBe(30);
    await expectCountersConsistent(t);
  });

  it('concurrent syncs with a lower quota converge without going below or above it', async () => {
    const m = await t.registerMember('racer2');
    await waitForHoldings(t, m.user.id, 5);
    await grant(m.user.id, 2);
    await waitForHoldings(t, m.user.id, 20);
    await t.db.query(`UPDATE subscriptions SET expires_at = $2 WHERE user_id = $1`, [m.user.id, new Date(t.clock.now().getTime() - 1000)]);
    const svc = t.app.get(AllocationService);
    await Promise.all(Array.from({ length: 10 }, () => svc.syncMember(m.user.id, 'expiry')));
    expect(await activeCodes(t, m.user.id)).toHaveLength(5);
    await expectCountersConsistent(t);
  });
});

describe('balance', () => {
  it('the holders endpoint agrees with the allocations', async () => {
    const h = await t.api('GET', `/admin/stock-pools/${poolA}/holders`, { token: admin });
    expect(h.status).toBe(200);
    expect(h.body.items).toHaveLength(30);
    const sum = h.body.items.reduce((s: number, i: { holders: number }) => s + i.holders, 0);
    expect(h.body.totalHoldings).toBe(sum);
    const db = await t.db.query(`SELECT count(*)::int AS n FROM allocations WHERE pool_id = $1 AND released_at IS NULL`, [poolA]);
    expect(sum).toBe(db.rows[0].n);
  });
});

describe('re-roll and replay', () => {
  it('an admin re-roll releases (reason reroll) and draws afresh, audited', async () => {
    const m = await t.registerMember('reroller');
    const before = await waitForHoldings(t, m.user.id, 5);
    const r = await t.api('POST', `/admin/allocations/users/${m.user.id}/reroll`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ userId: m.user.id, poolId: poolA, released: before });
    expect(r.body.picks).toHaveLength(5);
    expect(await activeCodes(t, m.user.id)).toEqual(r.body.picks);
    const rel = await t.db.query(`SELECT DISTINCT release_reason FROM allocations WHERE user_id = $1 AND released_at IS NOT NULL`, [m.user.id]);
    expect(rel.rows).toEqual([{ release_reason: 'reroll' }]);
    const log = await t.db.query(`SELECT operator_name, action, target_id, before, after FROM operation_logs WHERE action = 'allocation.reroll'`);
    expect(log.rows).toHaveLength(1);
    expect(log.rows[0]).toMatchObject({ operator_name: 'admin', target_id: m.user.id, before: { stocks: before }, after: { stocks: r.body.picks, drawId: r.body.drawId } });
    await expectCountersConsistent(t);
  });

  it('re-roll refuses unknown users, non-members and non-admins', async () => {
    const member = await t.loginAs('reroller', 'member-pass-1');
    expect((await t.api('POST', `/admin/allocations/users/${member.user.id}/reroll`, { token: member.accessToken })).status).toBe(403);
    const nobody = await t.api('POST', '/admin/allocations/users/00000000-0000-4000-8000-000000000000/reroll', { token: admin });
    expect(nobody).toMatchObject({ status: 404, body: { code: 'USER_NOT_FOUND' } });
    expect((await t.api('POST', '/admin/allocations/users/not-a-uuid/reroll', { token: admin })).status).toBe(404);
    const agentId = (await t.db.query(`SELECT id FROM users WHERE username = 'agent_one'`)).rows[0].id;
    const agent = await t.api('POST', `/admin/allocations/users/${agentId}/reroll`, { token: admin });
    expect(agent).toMatchObject({ status: 400, body: { details: { reason: 'NOT_A_MEMBER' } } });
  });

  it('every stored draw replays to the same stocks (single and batch draws)', async () => {
    const draws = await t.db.query(`SELECT id, reason FROM draws ORDER BY id`);
    expect(new Set(draws.rows.map((d) => d.reason))).toEqual(new Set(['activation', 'register', 'level_change', 'reroll']));
    for (const d of draws.rows) {
      const r = await t.api('POST', `/admin/allocations/draws/${d.id}/replay`, { token: admin });
      expect(r.status).toBe(200);
      expect({ id: d.id, identical: r.body.identical, hash: r.body.snapshotHashMatches }).toEqual({ id: d.id, identical: true, hash: true });
      expect(r.body.replayed).toEqual(r.body.stored);
      expect(r.body.allocatorVersion).toBe('balanced-v1');
    }
    expect((await t.api('POST', '/admin/allocations/draws/999999/replay', { token: admin })).status).toBe(404);
    expect((await t.api('POST', '/admin/allocations/draws/abc/replay', { token: admin })).status).toBe(404);
  });

  it('a tampered snapshot is detected by the replay', async () => {
    const d = (await t.db.query(`SELECT id, snapshot FROM draws WHERE snapshot IS NOT NULL ORDER BY id DESC LIMIT 1`)).rows[0];
    const [code] = Object.keys(d.snapshot);
    await t.db.query(`UPDATE draws SET snapshot = jsonb_set(snapshot, $2, to_jsonb((snapshot->>$3)::int + 7)) WHERE id = $1`, [d.id, `{${code}}`, code]);
    const r = await t.api('POST', `/admin/allocations/draws/${d.id}/replay`, { token: admin });
    expect(r.body.snapshotHashMatches).toBe(false);
  });
});

describe('pool rotation', () => {
  it('activating a new pool archives the old one, keeps its allocations as history (rotation) and re-allocates everyone', async () => {
    const beforeActive = await t.db.query(`SELECT user_id, count(*)::int AS n FROM allocations WHERE pool_id = $1 AND released_at IS NULL GROUP BY user_id`, [poolA]);
    const totalOld = await t.db.query(`SELECT count(*)::int AS n FROM allocations WHERE pool_id = $1`, [poolA]);
    const b = await createPool(t, admin, POOL_B, 'Pool B', { startsOn: '2026-04-01', endsOn: '2026-06-30' });
    const job = await activatePool(t, admin, b.id);
    const members = (await t.db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'user'`)).rows[0].n;
    expect(job).toMatchObject({ total: members, processed: members, failed: 0 });
    expect(job.result).toMatchObject({ members, released: beforeActive.rows.reduce((s, r) => s + r.n, 0) });

    const pools = await t.db.query(`SELECT id, status, archived_at IS NOT NULL AS archived FROM stock_pools ORDER BY created_at`);
    expect(pools.rows.map((p) => [p.id, p.status, p.archived])).toEqual([[poolA, 'archived', true], [b.id, 'active', false]]);
    // History kept: every old row is still there, all released by rotation or earlier reasons.
    expect((await t.db.query(`SELECT count(*)::int AS n FROM allocations WHERE pool_id = $1`, [poolA])).rows[0].n).toBe(totalOld.rows[0].n);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM allocations WHERE pool_id = $1 AND released_at IS NULL`, [poolA])).rows[0].n).toBe(0);
    const rotated = await t.db.query(`SELECT count(*)::int AS n FROM allocations WHERE pool_id = $1 AND release_reason = 'rotation'`, [poolA]);
    expect(rotated.rows[0].n).toBe(beforeActive.rows.reduce((s, r) => s + r.n, 0));
    // Every member now holds their quota from pool B.
    const users = await t.db.query(`SELECT id FROM users WHERE role = 'user'`);
    const quotas = await t.app.get(AllocationService)['entitlements'].forUsers(users.rows.map((u) => u.id));
    for (const u of users.rows) {
      const codes = await activeCodes(t, u.id);
      const q = quotas.get(u.id)!.stockQuota;
      expect(codes.length).toBe(q === null ? POOL_B.length : Math.min(q, POOL_B.length));
      expect(codes.every((c) => POOL_B.includes(c))).toBe(true);
    }
    const activationDraws = await t.db.query(`SELECT count(*)::int AS n, count(DISTINCT batch_id)::int AS batches FROM draws WHERE pool_id = $1 AND reason = 'activation'`, [b.id]);
    expect(activationDraws.rows[0]).toEqual({ n: members, batches: 1 });
    await expectCountersConsistent(t);
    // The archived pool keeps the counts it ended with.
    const frozen = await t.api('GET', `/admin/stock-pools/${poolA}/holders`, { token: admin });
    expect(frozen.body.totalHoldings).toBe(rotated.rows[0].n);
    // Activation draws replay too.
    const one = (await t.db.query(`SELECT id FROM draws WHERE pool_id = $1 AND reason = 'activation' ORDER BY batch_seq DESC LIMIT 1`, [b.id])).rows[0];
    expect((await t.api('POST', `/admin/allocations/draws/${one.id}/replay`, { token: admin })).body.identical).toBe(true);
  });

  it('a member registering after the rotation draws from the new pool; the old pool cannot be re-activated', async () => {
    const m = await t.registerMember('latecomer');
    const codes = await waitForHoldings(t, m.user.id, 5);
    expect(codes.every((c) => POOL_B.includes(c))).toBe(true);
    const again = await t.api('POST', `/admin/stock-pools/${poolA}/activate`, { token: admin });
    expect(again).toMatchObject({ status: 409, body: { code: 'POOL_NOT_DRAFT' } });
    const active = (await t.db.query(`SELECT id FROM stock_pools WHERE status = 'active'`)).rows[0].id;
    expect((await t.api('POST', `/admin/stock-pools/${active}/activate`, { token: admin })).body.code).toBe('POOL_NOT_DRAFT');
  });

  it('balanced: in a fresh pool, level-0 holder counts differ by at most one', async () => {
    // Most VIPs have lapsed by now; the one left (VIP3, quota above the pool size) holds every stock,
    // which adds one to each count and leaves the spread alone.
    const c = await createPool(t, admin, LISTED.slice(0, 25), 'Pool C', { startsOn: '2026-07-01', endsOn: '2026-09-30' });
    await activatePool(t, admin, c.id);
    const h = await t.api('GET', `/admin/stock-pools/${c.id}/holders`, { token: admin });
    const counts = h.body.items.map((i: { holders: number }) => i.holders);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });
});

describe('stocks in use (for signals and market data)', () => {
  it('active pool and held stocks; draft pools too for the per-stock sync; archived pools never', async () => {
    const draft = await createPool(t, admin, LISTED.slice(50, 55), 'Pool D (draft)', { startsOn: '2026-10-01', endsOn: '2026-12-31' });
    expect(draft.status).toBe('draft');
    const reader = t.app.get(StocksInUseReader);
    // Pool C (active) = LISTED[0..25); every holding is in it since the rotation; A and B are archived.
    const active = [...LISTED.slice(0, 25)].sort();
    expect(await reader.codes()).toEqual(active);
    // Market data's per-stock sync: stock-pool and allocation keep its tracked set in their transactions.
    const tracked = t.app.get(TrackedStocksService);
    expect(await tracked.codes()).toEqual([...active, ...LISTED.slice(50, 55)].sort());
    await expectTrackedStocksCurrent(t);
    const newbie = (await t.db.query(`SELECT id FROM users WHERE username = 'newbie'`)).rows[0].id;
    const [held] = await activeCodes(t, newbie);
    const released = (await t.db.query(`SELECT ts_code FROM allocations WHERE user_id = $1 AND released_at IS NOT NULL AND ts_code <> ALL($2::varchar[]) LIMIT 1`, [newbie, await activeCodes(t, newbie)])).rows[0].ts_code;
    const ownership = t.app.get(AllocationService);
    expect(await ownership.isStockVisible(newbie, held!)).toBe(true);
    expect(await ownership.isStockVisible(newbie, released)).toBe(false);
    expect((await t.api('DELETE', `/admin/stock-pools/${draft.id}`, { token: admin })).status).toBeLessThan(300);
    expect(await tracked.codes()).toEqual(active);
  });

  it('the tracked set is rebuilt at boot from the owners\' data (a database from before it)', async () => {
    await t.db.query('DELETE FROM market_tracked_stocks');
    // A stray row (a code nobody holds) goes too.
    await t.db.query(`INSERT INTO market_tracked_stocks (tracker, ts_code) VALUES ('allocation', $1)`, [LISTED[60]]);
    const { StockPoolService } = await import('../../src/modules/stock-pool/stock-pool.service.js');
    const { HeldStocksTracker } = await import('../../src/modules/allocation/held-stocks.tracker.js');
    await t.app.get(StockPoolService).onApplicationBootstrap();
    await t.app.get(HeldStocksTracker).onApplicationBootstrap();
    await expectTrackedStocksCurrent(t);
    expect(await t.app.get(TrackedStocksService).codes()).toEqual(await t.app.get(StocksInUseReader).codes());
  });
});

describe('member history for admins', () => {
  it('lists allocations with filters and paging, the member summary and draws', async () => {
    // The clock is wherever the tests above left it (months ahead of the start, not real time): the
    // vipLevel filter evaluates levels at the API's clock, like every answer, so no need to align it.
    const m = await t.loginAs('climber', 'member-pass-1');
    // Their VIP2 lapsed when the clock moved on; a new grant tops them up in the current pool.
    expect((await grant(m.user.id, 2)).status).toBe(201);
    await waitForHoldings(t, m.user.id, 20);
    const all = await t.api('GET', `/admin/allocations?userId=${m.user.id}&pageSize=100`, { token: admin });
    expect(all.status).toBe(200);
    const dbRows = await t.db.query(`SELECT count(*)::int AS n FROM allocations WHERE user_id = $1`, [m.user.id]);
    expect(all.body.total).toBe(dbRows.rows[0].n);
    expect(all.body.items[0]).toMatchObject({ userId: m.user.id, username: 'climber' });
    const active = await t.api('GET', `/admin/allocations?userId=${m.user.id}&active=true`, { token: admin });
    expect(active.body.total).toBe(20);
    const released = await t.api('GET', `/admin/allocations?userId=${m.user.id}&active=false&pageSize=100`, { token: admin });
    expect(new Set(released.body.items.map((a: { releaseReason: string }) => a.releaseReason))).toEqual(new Set(['rotation', 'expiry']));
    expect(released.body.items.every((a: { releasedAt: string | null }) => a.releasedAt !== null)).toBe(true);
    const lvl = await t.api('GET', `/admin/allocations?vipLevel=2&active=true&pageSize=100`, { token: admin });
    expect(new Set(lvl.body.items.map((a: { username: string }) => a.username))).toEqual(new Set(['climber']));
    const summary = await t.api('GET', `/admin/allocations/users/${m.user.id}`, { token: admin });
    expect(summary.body).toMatchObject({ user: { id: m.user.id, vipLevel: 2, stockQuota: 20 }, pool: { name: 'Pool C' } });
    expect(summary.body.holdings).toHaveLength(20);
    const draws = await t.api('GET', `/admin/allocations/draws?userId=${m.user.id}`, { token: admin });
    expect(draws.body.items.map((d: { reason: string }) => d.reason)).toEqual(['level_change', 'activation', 'activation', 'level_change', 'register']);
    for (const bad of ['poolId=nope', 'vipLevel=9', 'active=maybe', 'pageSize=101', 'tsCode=600000', 'surprise=1']) {
      const r = await t.api('GET', `/admin/allocations?${bad}`, { token: admin });
      expect({ bad, status: r.status, code: r.body.code }).toEqual({ bad, status: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await t.api('GET', `/admin/allocations`, { token: m.accessToken })).status).toBe(403);
    expect((await t.api('GET', `/admin/allocations/users/00000000-0000-4000-8000-000000000000`, { token: admin })).status).toBe(404);
  });
});
