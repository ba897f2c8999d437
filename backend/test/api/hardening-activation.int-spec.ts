import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllocationStore } from '../../src/modules/allocation/allocation.store.js';
import { PoolActivationService } from '../../src/modules/allocation/pool-activation.service.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { activatePool, createPool, LISTED, seedStocks, waitForHoldings } from './pool-fixtures.js';
import { waitFor } from '../setup/wait-for.js';

/**
 * Issue 10 item 7: a pool activation interrupted part-way (the app killed at 5,000 / 30,022) must
 * not leave the members it has not reached yet without stocks. Each chunk releases its members'
 * old holdings and draws the new ones in one transaction, so a member holds either the old pool's
 * stocks or the new pool's, never none; the job's retry resumes and finishes the rest.
 *
 * The interruption: the activation job runs with chunks of 3 members, and the chunk write of every
 * chunk after the first fails while "killed" (inside the chunk's transaction, as a crash would
 * roll it back). The job's own retry (BullMQ back-off) is the resume.
 */
let t: TestApp;
let admin: string;
const POOL_A = LISTED.slice(0, 20);
const POOL_B = LISTED.slice(20, 45);
const CHUNK = 3;
const members: Array<{ id: string; token: string }> = [];

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  await seedStocks(t);
  const a = await createPool(t, admin, POOL_A, 'Pool A');
  await activatePool(t, admin, a.id);
  for (let i = 0; i < 10; i++) {
    const m = await t.registerMember(`act_member_${i}`);
    await waitForHoldings(t, m.user.id, 5);
    members.push({ id: m.user.id, token: m.accessToken });
  }
});
afterAll(async () => t?.close());

/** Unreleased holdings per member and pool. */
async function holdingsByPool(): Promise<Map<string, Map<string, number>>> {
  const r = await t.db.query(`SELECT user_id, pool_id, count(*)::int AS n FROM allocations WHERE released_at IS NULL GROUP BY user_id, pool_id`);
  const out = new Map<string, Map<string, number>>();
  for (const row of r.rows) {
    const m = out.get(row.user_id) ?? new Map<string, number>();
    m.set(row.pool_id, row.n);
    out.set(row.user_id, m);
  }
  return out;
}

describe('an interrupted pool activation', () => {
  it('never leaves a member without stocks, and its retry finishes the rotation without double draws', async () => {
    const activation = t.app.get(PoolActivationService);
    const store = t.app.get(AllocationStore);
    const realReallocate = activation.reallocate.bind(activation);
    const realInsert = store.insertBatchDraws.bind(store);
    let killed = true;
    let chunkWrites = 0;
    let failures = 0;
    activation.reallocate = (poolId, opts = {}) => realReallocate(poolId, { ...opts, chunkSize: CHUNK });
    store.insertBatchDraws = async (m, b) => {
      chunkWrites++;
      if (killed && chunkWrites > 1) {
        failures++;
        throw new Error('simulated crash in the middle of an activation');
      }
      return realInsert(m, b);
    };
    try {
      const b = await createPool(t, admin, POOL_B, 'Pool B', { startsOn: '2026-04-01', endsOn: '2026-06-30' });
      const started = await t.api('POST', `/admin/stock-pools/${b.id}/activate`, { token: admin });
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      await waitFor(async () => failures, (n) => n >= 1, 'the first interrupted chunk');

      // Interrupted after the first chunk: the first 3 members are on pool B, the other 7 still hold
      // their pool A stocks; every member sees 5 stocks.
      const mid = await holdingsByPool();
      const onB = members.filter((m) => mid.get(m.id)?.get(b.id));
      expect(onB).toHaveLength(CHUNK);
      for (const m of members) {
        const pools = [...(mid.get(m.id)?.entries() ?? [])];
        expect(pools, `member ${m.id} during the interruption`).toHaveLength(1);
        expect(pools[0]![1]).toBe(5);
        const mine = await t.api('GET', '/me/stocks', { token: m.token });
        expect(mine.status).toBe(200);
        expect(mine.body.items, `GET /me/stocks of ${m.id} during the interruption`).toHaveLength(5);
      }
      const job = await t.api('GET', `/admin/stock-pools/${b.id}/activation`, { token: admin });
      expect(job.body).toMatchObject({ status: 'running', total: members.length });

      // "Restart": the job's retry resumes after its back-off and completes.
      killed = false;
      const done = await waitFor(
        () => t.api('GET', `/admin/stock-pools/${b.id}/activation`, { token: admin }),
        (p) => p.body.status === 'done' || p.body.status === 'failed',
        'the resumed activation',
        30_000,
      );
      expect(done.body, JSON.stringify(done.body)).toMatchObject({ status: 'done', total: members.length, processed: members.length });
      expect(done.body.result).toMatchObject({ members: members.length, draws: members.length - CHUNK, released: (members.length - CHUNK) * 5 });

      const after = await holdingsByPool();
      for (const m of members) {
        expect([...(after.get(m.id)?.entries() ?? [])], `member ${m.id} after the resume`).toEqual([[b.id, 5]]);
        const mine = await t.api('GET', '/me/stocks', { token: m.token });
        expect(mine.body.items.map((i: { tsCode: string }) => i.tsCode).every((c: string) => POOL_B.includes(c))).toBe(true);
      }
      // One activation draw per member: the resume skipped the chunk done before the interruption.
      const draws = await t.db.query(`SELECT user_id, count(*)::int AS n FROM draws WHERE pool_id = $1 AND reason = 'activation' GROUP BY user_id`, [b.id]);
      expect(draws.rows).toHaveLength(members.length);
      expect(draws.rows.every((r) => r.n === 1)).toBe(true);
      // The old pool's rows are kept as history, released by rotation.
      const rotated = await t.db.query(`SELECT count(*)::int AS n FROM allocations WHERE release_reason = 'rotation' AND pool_id <> $1`, [b.id]);
      expect(rotated.rows[0].n).toBe(members.length * 5);
      const counters = await t.db.query(
        `SELECT i.ts_code, i.holders, (SELECT count(*)::int FROM allocations a WHERE a.pool_id = i.pool_id AND a.ts_code = i.ts_code AND a.released_at IS NULL) AS n
           FROM stock_pool_items i WHERE i.pool_id = $1`,
        [b.id],
      );
      expect(counters.rows.filter((r) => r.holders !== r.n)).toEqual([]);
    } finally {
      activation.reallocate = realReallocate;
      store.insertBatchDraws = realInsert;
    }
  }, 60_000);
});
