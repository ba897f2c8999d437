import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentsStore } from '../../src/modules/payments/payments.store.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// The payments store's list statements on the cloned template database: the admin order list's
// filters, sorts (nulls last both ways) and pages, and a member's orders newest first — each row the
// order as the entity reads it (fen as numbers).
let t: TestApp;
let store: PaymentsStore;
let ds: DataSource;
let u1: string;
let u2: string;
const at = (d: number) => new Date(Date.UTC(2026, 2, d));

beforeAll(async () => {
  t = await startTestApp();
  store = t.app.get(PaymentsStore);
  ds = t.app.get(DataSource);
  u1 = (await t.registerMember('ps_one')).user.id;
  u2 = (await t.registerMember('ps_two')).user.id;
  const order = (no: string, userId: string, amountFen: number, day: number, paid: boolean, flag: string | null = null) => ({
    outTradeNo: no,
    userId,
    level: amountFen > 5000 ? 2 : 1,
    months: 3,
    amountFen,
    description: 'store test',
    status: paid ? ('paid' as const) : ('pending' as const),
    expiresAt: at(day + 1),
    paidAt: paid ? at(day) : null,
    reviewFlag: flag,
    riskAckAt: at(day),
  });
  await ds.transaction(async (m) => {
    for (const o of [
      order('PSTEST0001', u1, 3000, 1, true),
      order('PSTEST0002', u1, 9000, 2, false, 'amount_mismatch'),
      order('PSTEST0003', u2, 3000, 3, true),
      order('PSTEST0004', u1, 6000, 4, false),
    ]) {
      await store.insertOrder(m, o);
      await m.query('UPDATE payment_orders SET created_at = $2 WHERE out_trade_no = $1', [o.outTradeNo, o.riskAckAt]);
    }
  });
}, 120_000);

afterAll(async () => t?.close());

const page = (n = 1, size = 50) => ({ page: n, pageSize: size });
const nos = (rows: Array<{ outTradeNo: string }>) => rows.map((r) => r.outTradeNo).filter((n) => n.startsWith('PSTEST'));

describe('PaymentsStore lists', () => {
  it('admin list rows are the order as the entity reads it (fen as numbers)', async () => {
    const [rows] = await store.adminOrders(ds.manager, { userId: u1 }, undefined, page());
    expect(rows.length).toBe(3);
    for (const r of rows) expect(r).toEqual({ ...(await store.findOrder(ds.manager, r.outTradeNo)) });
    expect(typeof rows[0]!.amountFen).toBe('number');
  });

  it('filters by status, member, created range (from inclusive, to exclusive) and review flag, with the total', async () => {
    expect(nos((await store.adminOrders(ds.manager, { status: 'paid' }, 'outTradeNo:asc', page()))[0])).toEqual(['PSTEST0001', 'PSTEST0003']);
    const [range, n] = await store.adminOrders(ds.manager, { from: at(2), to: at(4) }, 'outTradeNo:asc', page());
    expect([nos(range), n]).toEqual([['PSTEST0002', 'PSTEST0003'], 2]);
    expect(nos((await store.adminOrders(ds.manager, { flagged: true }, undefined, page()))[0])).toEqual(['PSTEST0002']);
    expect((await store.adminOrders(ds.manager, { userId: u2, status: 'pending' }, undefined, page()))[1]).toBe(0);
  });

  it('sorts on a column both ways (nulls last, out_trade_no breaking ties) and pages', async () => {
    const f = { userId: u1 };
    expect(nos((await store.adminOrders(ds.manager, {}, 'amountFen:desc', page()))[0])).toEqual(['PSTEST0002', 'PSTEST0004', 'PSTEST0003', 'PSTEST0001']);
    expect(nos((await store.adminOrders(ds.manager, f, 'paidAt:desc', page()))[0])).toEqual(['PSTEST0001', 'PSTEST0004', 'PSTEST0002']);
    expect(nos((await store.adminOrders(ds.manager, f, 'paidAt:asc', page()))[0])).toEqual(['PSTEST0001', 'PSTEST0002', 'PSTEST0004']);
    const [second, total] = await store.adminOrders(ds.manager, f, 'createdAt:asc', page(2, 2));
    expect([nos(second), total]).toEqual([['PSTEST0004'], 3]);
  });

  it("a member's orders newest first, paged, with the total", async () => {
    const [all, total] = await store.memberOrders(ds.manager, u1, 0, 10);
    expect([nos(all), total]).toEqual([['PSTEST0004', 'PSTEST0002', 'PSTEST0001'], 3]);
    expect(nos((await store.memberOrders(ds.manager, u1, 1, 1))[0])).toEqual(['PSTEST0002']);
    expect(all[0]).toEqual({ ...(await store.findOrder(ds.manager, 'PSTEST0004')) });
  });
});

describe('PaymentsStore order reads and writes', () => {
  it('reuses the newest pending order of the level still payable at the given time', async () => {
    expect((await store.findReusablePending(ds.manager, u1, 2, at(2)))?.outTradeNo).toBe('PSTEST0004');
    const reuse = await store.findReusablePending(ds.manager, u1, 2, at(4));
    expect(reuse).toEqual({ ...(await store.findOrder(ds.manager, 'PSTEST0004')) });
    expect(await store.findReusablePending(ds.manager, u1, 2, at(5))).toBeNull();
    expect(await store.findReusablePending(ds.manager, u1, 1, at(0))).toBeNull();
  });

  it('due orders: pending, never queried first, then by due time; due refunds none', async () => {
    await t.db.query(`UPDATE payment_orders SET next_query_at = $2 WHERE out_trade_no = $1`, ['PSTEST0002', at(10)]);
    expect(nos(await store.dueOrders(ds.manager, at(20), 100))).toEqual(['PSTEST0004', 'PSTEST0002']);
    expect(nos(await store.dueOrders(ds.manager, at(9), 100))).toEqual(['PSTEST0004']);
    expect(await store.dueRefunds(ds.manager, at(20), 100)).toEqual([]);
  });

  it('marks the receipt sent once', async () => {
    await store.markReceiptSent(ds.manager, 'PSTEST0001', at(7));
    await store.markReceiptSent(ds.manager, 'PSTEST0001', at(8));
    expect((await store.findOrder(ds.manager, 'PSTEST0001'))?.receiptSentAt).toEqual(at(7));
    expect((await store.findOrder(ds.manager, 'PSTEST0003'))?.receiptSentAt).toBeNull();
  });
});
