import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllocationService } from '../../src/modules/allocation/allocation.service.js';
import { LevelReallocationService } from '../../src/modules/allocation/level-reallocation.service.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { activatePool, activeCodes, createPool, expectCountersConsistent, LISTED, seedStocks, waitForHoldings } from './pool-fixtures.js';
import { waitFor } from '../setup/wait-for.js';

/**
 * PUT /admin/vip-levels/:level with a new stockQuota re-allocates the members at that level in one
 * background job: raise → top-up, lower → newest picks released, null → the whole pool.
 */
let t: TestApp;
let admin: string;
const POOL = LISTED.slice(0, 30);
/** Members at VIP1 (quota 10 by default), one free member, one VIP2, one whose VIP1 has lapsed. */
const vip1: string[] = [];
let free: string;
let vip2: string;
let lapsed: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  await seedStocks(t);
  const pool = await createPool(t, admin, POOL, 'Quota pool');
  await activatePool(t, admin, pool.id);
  for (const name of ['q_one', 'q_two', 'q_three']) {
    const m = await t.registerMember(name);
    await waitForHoldings(t, m.user.id, 5);
    expect((await grant(m.user.id, 1)).status).toBe(201);
    await waitForHoldings(t, m.user.id, 10);
    vip1.push(m.user.id);
  }
  free = (await t.registerMember('q_free')).user.id;
  await waitForHoldings(t, free, 5);
  vip2 = (await t.registerMember('q_vip2')).user.id;
  await waitForHoldings(t, vip2, 5);
  await grant(vip2, 2);
  await waitForHoldings(t, vip2, 20);
  // VIP1 until an hour ago: effective level 0, holding its free 5 (the sweep has run).
  lapsed = (await t.registerMember('q_lapsed')).user.id;
  await waitForHoldings(t, lapsed, 5);
  await t.db.query(`INSERT INTO subscriptions (user_id, level, starts_at, expires_at, notified_level) VALUES ($1, 1, $2, $3, 0)`, [
    lapsed,
    new Date(t.clock.now().getTime() - 90 * 86_400_000),
    new Date(t.clock.now().getTime() - 3_600_000),
  ]);
});
afterAll(async () => t?.close());

const grant = (userId: string, level: number) => t.api('POST', `/admin/users/${userId}/vip-grants`, { token: admin, body: { level, months: 3, reason: 'quota test' } });
const putLevel = (level: number, body: unknown, token = admin) => t.api('PUT', `/admin/vip-levels/${level}`, { token, body });

async function waitForJob(id: string) {
  const r = await waitFor(
    () => t.api('GET', `/admin/jobs/${id}`, { token: admin }),
    (j) => j.status === 200 && (j.body.status === 'done' || j.body.status === 'failed'),
    `job ${id}`,
  );
  expect(r.body.status, JSON.stringify(r.body)).toBe('done');
  return r.body;
}

async function holdingsOf(ids: string[]) {
  return Promise.all(ids.map((id) => activeCodes(t, id)));
}

async function levelJobs(): Promise<number> {
  return (await t.db.query(`SELECT count(*)::int AS n FROM job_records WHERE kind = 'allocation.level-quota'`)).rows[0].n;
}

describe('raising a level quota', () => {
  it('tops up every member at the level (keeping their stocks), in one job, audited', async () => {
    const before = await holdingsOf(vip1);
    const others = await holdingsOf([free, vip2, lapsed]);
    const r = await putLevel(1, { stockQuota: 15 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ level: 1, stockQuota: 15, name: 'VIP1' });
    expect(r.body.reallocationJobId).toMatch(/^[0-9a-f-]{36}$/);
    const job = await waitForJob(r.body.reallocationJobId);
    expect(job).toMatchObject({ kind: 'allocation.level-quota', total: 3, processed: 3, failed: 0, params: { level: 1, from: 10, to: 15 } });
    expect(job.result).toMatchObject({ level: 1, members: 3, draws: 3, allocations: 15, released: 0, superseded: false });

    const after = await holdingsOf(vip1);
    after.forEach((codes, i) => {
      expect(codes).toHaveLength(15);
      expect(new Set(codes).size).toBe(15);
      expect(codes.slice(0, 10)).toEqual(before[i]);
      expect(codes.every((c) => POOL.includes(c))).toBe(true);
    });
    // Only members whose effective level is 1: free, VIP2 and the lapsed VIP1 are untouched.
    expect(await holdingsOf([free, vip2, lapsed])).toEqual(others);
    await expectCountersConsistent(t);

    // The top-ups are one batch of level_change draws that know what each member held, and replay.
    const draws = await t.db.query(`SELECT id, user_id, quota, jsonb_array_length(held) AS held, jsonb_array_length(picks) AS picks, batch_id FROM draws WHERE reason = 'level_change' AND batch_id IS NOT NULL`);
    expect(draws.rows.map((d) => [d.quota, d.held, d.picks]).sort()).toEqual([[15, 10, 5], [15, 10, 5], [15, 10, 5]]);
    expect(new Set(draws.rows.map((d) => d.batch_id)).size).toBe(1);
    const batch = await t.db.query(`SELECT job_id, reason, members FROM draw_batches WHERE id = $1`, [draws.rows[0].batch_id]);
    expect(batch.rows[0]).toEqual({ job_id: r.body.reallocationJobId, reason: 'level_change', members: 3 });
    for (const d of draws.rows) {
      const replay = await t.api('POST', `/admin/allocations/draws/${d.id}/replay`, { token: admin });
      expect({ identical: replay.body.identical, hash: replay.body.snapshotHashMatches }).toEqual({ identical: true, hash: true });
    }

    const log = await t.db.query(`SELECT before, after FROM operation_logs WHERE action = 'vip_level.update' ORDER BY id DESC LIMIT 1`);
    expect(log.rows[0]).toMatchObject({ before: { stockQuota: 10 }, after: { stockQuota: 15, reallocationJobId: r.body.reallocationJobId } });
    // The member sees it too.
    const me = await t.api('GET', '/me/stocks', { token: (await t.loginAs('q_one', 'member-pass-1')).accessToken });
    expect(me.body.items).toHaveLength(15);
  });
});

describe('lowering a level quota', () => {
  it('releases the newest picks of every member at the level, reason level_change', async () => {
    const before = await holdingsOf(vip1);
    const r = await putLevel(1, { stockQuota: 8 });
    expect(r.status).toBe(200);
    const job = await waitForJob(r.body.reallocationJobId);
    expect(job.result).toMatchObject({ members: 3, draws: 0, releasedMembers: 3, released: 21 });
    const after = await holdingsOf(vip1);
    for (const [i, id] of vip1.entries()) {
      expect(after[i]).toEqual(before[i]!.slice(0, 8));
      const released = await t.db.query(`SELECT ts_code, release_reason FROM allocations WHERE user_id = $1 AND released_at IS NOT NULL ORDER BY id`, [id]);
      expect(released.rows.map((x) => x.ts_code)).toEqual(before[i]!.slice(8));
      expect(new Set(released.rows.map((x) => x.release_reason))).toEqual(new Set(['level_change']));
    }
    await expectCountersConsistent(t);
  });
});

describe('unlimited and back', () => {
  it('null gives every member at the level the whole pool; a number again trims it', async () => {
    const r = await putLevel(1, { stockQuota: null });
    expect(r.body.stockQuota).toBeNull();
    expect((await waitForJob(r.body.reallocationJobId)).result).toMatchObject({ members: 3, draws: 3, allocations: 3 * (30 - 8) });
    for (const codes of await holdingsOf(vip1)) expect([...codes].sort()).toEqual([...POOL].sort());
    await expectCountersConsistent(t);

    const back = await putLevel(1, { stockQuota: 10 });
    expect((await waitForJob(back.body.reallocationJobId)).result).toMatchObject({ members: 3, released: 3 * 20 });
    for (const codes of await holdingsOf(vip1)) expect(codes).toHaveLength(10);
    await expectCountersConsistent(t);
  });
});

describe('no job without a quota change', () => {
  it('the same quota, or other fields only, start nothing', async () => {
    const jobs = await levelJobs();
    const same = await putLevel(1, { stockQuota: 10 });
    expect(same).toMatchObject({ status: 200, body: { stockQuota: 10, reallocationJobId: null } });
    const other = await putLevel(1, { description: '十只股票' });
    expect(other).toMatchObject({ status: 200, body: { description: '十只股票', reallocationJobId: null } });
    expect(await levelJobs()).toBe(jobs);
    const log = await t.db.query(`SELECT after FROM operation_logs WHERE action = 'vip_level.update' ORDER BY id DESC LIMIT 1`);
    expect(log.rows[0].after).toMatchObject({ description: '十只股票', reallocationJobId: null });
  });

  it('bad input is refused, changes nothing and starts nothing', async () => {
    const jobs = await levelJobs();
    const logs = (await t.db.query(`SELECT count(*)::int AS n FROM operation_logs WHERE action = 'vip_level.update'`)).rows[0].n;
    for (const body of [{ stockQuota: 0 }, { stockQuota: -5 }, { stockQuota: 12.5 }, { stockQuota: '12' }, { stockQuota: 100_001 }, { stockQuota: 12, surprise: true }]) {
      const r = await putLevel(1, body);
      expect({ body, status: r.status, code: r.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await putLevel(9, { stockQuota: 12 })).body.code).toBe('VIP_LEVEL_NOT_FOUND');
    expect((await putLevel(1, { stockQuota: 12 }, (await t.loginAs('q_one', 'member-pass-1')).accessToken)).status).toBe(403);
    expect((await t.api('GET', '/vip-levels')).body.find((l: { level: number }) => l.level === 1).stockQuota).toBe(10);
    expect(await levelJobs()).toBe(jobs);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM operation_logs WHERE action = 'vip_level.update'`)).rows[0].n).toBe(logs);
    for (const codes of await holdingsOf(vip1)) expect(codes).toHaveLength(10);
  });
});

describe('idempotent and safe alongside other allocation work', () => {
  it('two runs of the job at once, with member syncs in between, leave everyone exactly at quota', async () => {
    // Raise the quota in the table only, then race two runs of the job and per-member syncs.
    await t.db.query(`UPDATE vip_levels SET stock_quota = 13 WHERE level = 1`);
    const levels = t.app.get(LevelReallocationService);
    const members = t.app.get(AllocationService);
    const results = await Promise.all([
      levels.reallocate(1, { chunkSize: 2 }),
      levels.reallocate(1, { chunkSize: 1 }),
      ...vip1.map((id) => members.syncMember(id, 'level_change')),
    ]);
    for (const codes of await holdingsOf(vip1)) {
      expect(codes).toHaveLength(13);
      expect(new Set(codes).size).toBe(13);
    }
    // Exactly one top-up per member happened, whoever got there first.
    const drawsSince = await t.db.query(`SELECT user_id, count(*)::int AS n FROM draws WHERE quota = 13 GROUP BY user_id`);
    expect(drawsSince.rows.map((x) => x.n)).toEqual([1, 1, 1]);
    const [a, b] = results as Array<{ members: number; allocations: number }>;
    expect(a!.members).toBe(3);
    expect(b!.members).toBe(3);
    await expectCountersConsistent(t);
    // And once more: nothing left to do.
    expect(await levels.reallocate(1)).toMatchObject({ members: 3, draws: 0, allocations: 0, released: 0 });
  });

});
