import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditStore } from '../../src/modules/audit/audit.store.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// The audit store's statements on the cloned template database: an entry written as given, the
// list's filters (operator contains with literal wildcards, exact action/target, the time range
// inclusive), sorts and pages, and the distinct action names — against the rows read plainly.
let t: TestApp;
let store: AuditStore;
let ds: DataSource;
const at = (h: number) => new Date(Date.UTC(2026, 2, 1, h));

const entry = (h: number, operatorName: string, action: string, targetId: string | null) => ({
  at: at(h),
  operatorId: null,
  operatorName,
  action,
  targetType: 'store_test',
  targetId,
  before: h === 1 ? { a: 1 } : null,
  after: { h },
  ip: `10.0.0.${h}`,
});

beforeAll(async () => {
  t = await startTestApp();
  store = t.app.get(AuditStore);
  ds = t.app.get(DataSource);
  await ds.transaction(async (m) => {
    await store.insert(m, entry(1, 'alice', 'zz.one', 't1'));
    await store.insert(m, entry(2, 'al_ice', 'zz.two', 't2'));
    await store.insert(m, entry(3, 'bob', 'zz.one', 't1'));
    await store.insert(m, entry(4, 'ALICE2', 'zz.three', null));
  });
}, 120_000);

afterAll(async () => t?.close());

const page = { page: 1, pageSize: 50, targetType: 'store_test' };

describe('AuditStore', () => {
  it('writes the entry as given', async () => {
    const row = (await t.db.query(`SELECT at, operator_name, action, target_id, before, after, ip FROM operation_logs WHERE target_type = 'store_test' AND at = $1`, [at(1)])).rows;
    expect(row).toEqual([{ at: at(1), operator_name: 'alice', action: 'zz.one', target_id: 't1', before: { a: 1 }, after: { h: 1 }, ip: '10.0.0.1' }]);
  });

  it('filters by operator (contains, case-insensitive, wildcards literal), action, target and time range', async () => {
    const names = async (q: Record<string, unknown>) => (await store.list(ds.manager, { ...page, ...q }))[0].map((o) => o.operatorName);
    expect(await names({ operator: 'ALI' })).toEqual(['ALICE2', 'alice']);
    expect(await names({ operator: 'l_' })).toEqual(['al_ice']);
    expect(await names({ action: 'zz.one' })).toEqual(['bob', 'alice']);
    expect(await names({ targetId: 't1', operator: 'bo' })).toEqual(['bob']);
    expect(await names({ from: at(2).toISOString(), to: at(3).toISOString() })).toEqual(['bob', 'al_ice']);
    expect(await names({ targetType: 'none' })).toEqual([]);
  });

  it('sorts (default newest first) and pages with the total', async () => {
    const [all, total] = await store.list(ds.manager, page);
    expect(all.map((o) => o.at.getTime())).toEqual([4, 3, 2, 1].map((h) => at(h).getTime()));
    expect(total).toBe(4);
    const [byIp] = await store.list(ds.manager, { ...page, sort: 'ip:asc' });
    expect(byIp.map((o) => o.operatorName)).toEqual(['alice', 'al_ice', 'bob', 'ALICE2']);
    const [p2, total2] = await store.list(ds.manager, { ...page, sort: 'ip:asc', page: 2, pageSize: 3 });
    expect(p2.map((o) => o.ip)).toEqual(['10.0.0.4']);
    expect(total2).toBe(4);
  });

  it('answers every recorded action once, sorted', async () => {
    const plain = (await t.db.query('SELECT action FROM operation_logs')).rows.map((r: { action: string }) => r.action);
    const actions = await store.actions(ds.manager);
    expect([...actions].sort()).toEqual([...new Set(plain)].sort());
    expect(actions.filter((a) => a.startsWith('zz.'))).toEqual(['zz.one', 'zz.three', 'zz.two']);
  });

  it('list rows carry every column (jsonb as objects); a nullable column sorts nulls last both ways', async () => {
    const [rows] = await store.list(ds.manager, { ...page, action: 'zz.one', sort: 'at:asc' });
    expect(rows.map(({ id, ...r }) => [typeof id, r])).toEqual([
      ['string', { ...entry(1, 'alice', 'zz.one', 't1') }],
      ['string', { ...entry(3, 'bob', 'zz.one', 't1') }],
    ]);
    for (const dir of ['asc', 'desc']) {
      const [sorted] = await store.list(ds.manager, { ...page, sort: `targetId:${dir}` });
      expect(sorted[sorted.length - 1]!.targetId).toBeNull();
    }
  });
});
