import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockKey } from '../../src/common/sql.js';
import { DemoDataStore, LEAVE_DEMO_LOCK, SEEDS_LOCK } from '../../src/modules/demo-data/demo-data.store.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// The demo-data module owns no table; its store's one method takes the leave lock and the seeders'
// lock in the caller's transaction: while it is held neither can be taken elsewhere, after it both can.
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
}, 120_000);

afterAll(async () => t?.close());

const tryLock = async (name: string): Promise<boolean> => {
  const c = await t.db.connect();
  try {
    const ok = (await c.query('SELECT pg_try_advisory_lock($1::bigint) AS ok', [lockKey(name)])).rows[0].ok as boolean;
    if (ok) await c.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey(name)]);
    return ok;
  } finally {
    c.release();
  }
};

describe('DemoDataStore', () => {
  it('holds the leave and seeders locks until the transaction ends', async () => {
    const store = t.app.get(DemoDataStore);
    await t.app.get(DataSource).transaction(async (m) => {
      await store.lockForLeave(m);
      expect(await tryLock(LEAVE_DEMO_LOCK)).toBe(false);
      expect(await tryLock(SEEDS_LOCK)).toBe(false);
    });
    expect(await tryLock(LEAVE_DEMO_LOCK)).toBe(true);
    expect(await tryLock(SEEDS_LOCK)).toBe(true);
  });
});
