import { Injectable } from '@nestjs/common';
import { Brackets, type EntityManager } from 'typeorm';
import { applySort } from '../../common/list-query.js';
import { pageOffset, type PageQueryDto } from '../../common/pagination.js';
import { PAYMENT_ORDER_SORT } from './domain/list-sorts.js';
import { PaymentEvent } from './entities/payment-event.entity.js';
import { PaymentOrder, type PaymentOrderStatus } from './entities/payment-order.entity.js';
import { PaymentRefund } from './entities/payment-refund.entity.js';

export interface AdminOrderFilter {
  status?: PaymentOrderStatus;
  userId?: string;
  from?: Date;
  to?: Date;
  flagged?: boolean;
}

/** Every statement on payment_orders, payment_refunds and payment_events. */
@Injectable()
export class PaymentsStore {
  /** Serialises order creation per member (same level re-click returns the same order). */
  async lockMemberOrders(m: EntityManager, userId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('payments:member:' || $1))`, [userId]);
  }

  findReusablePending(m: EntityManager, userId: string, level: number, payableUntil: Date): Promise<PaymentOrder | null> {
    return m
      .createQueryBuilder(PaymentOrder, 'o')
      .where('o.user_id = :userId AND o.level = :level AND o.status = :st AND o.expires_at > :until', { userId, level, st: 'pending', until: payableUntil })
      .orderBy('o.created_at', 'DESC')
      .getOne();
  }

  insertOrder(m: EntityManager, o: Partial<PaymentOrder>): Promise<PaymentOrder> {
    return m.save(m.create(PaymentOrder, o));
  }

  async setCodeUrl(m: EntityManager, outTradeNo: string, codeUrl: string): Promise<void> {
    await m.update(PaymentOrder, { outTradeNo }, { codeUrl });
  }

  findOrder(m: EntityManager, outTradeNo: string): Promise<PaymentOrder | null> {
    return m.findOneBy(PaymentOrder, { outTradeNo });
  }

  /** The row lock every state change of an order goes through (fulfil, close, refund). */
  lockOrder(m: EntityManager, outTradeNo: string): Promise<PaymentOrder | null> {
    return m.findOne(PaymentOrder, { where: { outTradeNo }, lock: { mode: 'pessimistic_write' } });
  }

  saveOrder(m: EntityManager, o: PaymentOrder): Promise<PaymentOrder> {
    return m.save(o);
  }

  /** The receipt e-mail of a paid order went out (the mail server accepted it); set once. */
  async markReceiptSent(m: EntityManager, outTradeNo: string, at: Date): Promise<void> {
    await m
      .createQueryBuilder()
      .update(PaymentOrder)
      .set({ receiptSentAt: at })
      .where('out_trade_no = :outTradeNo AND receipt_sent_at IS NULL', { outTradeNo })
      .execute();
  }

  async addEvent(m: EntityManager, e: Partial<PaymentEvent>): Promise<void> {
    await m.insert(PaymentEvent, e as never);
  }

  listEvents(m: EntityManager, outTradeNo: string): Promise<PaymentEvent[]> {
    return m.find(PaymentEvent, { where: { outTradeNo }, order: { at: 'ASC', id: 'ASC' } });
  }

  memberOrders(m: EntityManager, userId: string, skip: number, take: number): Promise<[PaymentOrder[], number]> {
    return m.findAndCount(PaymentOrder, { where: { userId }, order: { createdAt: 'DESC', outTradeNo: 'DESC' }, skip, take });
  }

  adminOrders(m: EntityManager, f: AdminOrderFilter, sort: string | undefined, page: PageQueryDto): Promise<[PaymentOrder[], number]> {
    const qb = m.createQueryBuilder(PaymentOrder, 'o');
    if (f.status) qb.andWhere('o.status = :status', { status: f.status });
    if (f.userId) qb.andWhere('o.user_id = :userId', { userId: f.userId });
    if (f.from) qb.andWhere('o.created_at >= :from', { from: f.from });
    if (f.to) qb.andWhere('o.created_at < :to', { to: f.to });
    if (f.flagged) qb.andWhere('o.review_flag IS NOT NULL');
    return applySort(qb, sort, PAYMENT_ORDER_SORT).skip(pageOffset(page).skip).take(page.pageSize).getManyAndCount();
  }

  /** Pending orders whose next active query is due. */
  dueOrders(m: EntityManager, now: Date, limit: number): Promise<PaymentOrder[]> {
    return m
      .createQueryBuilder(PaymentOrder, 'o')
      .where('o.status = :st', { st: 'pending' })
      .andWhere(new Brackets((w) => w.where('o.next_query_at IS NULL').orWhere('o.next_query_at <= :now', { now })))
      .orderBy('o.next_query_at', 'ASC', 'NULLS FIRST')
      .limit(limit)
      .getMany();
  }

  // ---- refunds ----

  async nextRefundSeq(m: EntityManager, outTradeNo: string): Promise<number> {
    const rows: Array<{ n: number }> = await m.query('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM payment_refunds WHERE out_trade_no = $1', [outTradeNo]);
    return Number(rows[0]?.n ?? 1);
  }

  /** Refunds that hold money: confirmed, or asked for and not yet refused. */
  async refundCommittedFen(m: EntityManager, outTradeNo: string): Promise<number> {
    const rows: Array<{ s: string }> = await m.query(
      `SELECT COALESCE(SUM(amount_fen), 0) AS s FROM payment_refunds WHERE out_trade_no = $1 AND status IN ('submitting', 'processing', 'success', 'abnormal')`,
      [outTradeNo],
    );
    return Number(rows[0]?.s ?? 0);
  }

  insertRefund(m: EntityManager, r: Partial<PaymentRefund>): Promise<PaymentRefund> {
    return m.save(m.create(PaymentRefund, r));
  }

  lockRefund(m: EntityManager, outRefundNo: string): Promise<PaymentRefund | null> {
    return m.findOne(PaymentRefund, { where: { outRefundNo }, lock: { mode: 'pessimistic_write' } });
  }

  findRefund(m: EntityManager, outRefundNo: string): Promise<PaymentRefund | null> {
    return m.findOneBy(PaymentRefund, { outRefundNo });
  }

  saveRefund(m: EntityManager, r: PaymentRefund): Promise<PaymentRefund> {
    return m.save(r);
  }

  listRefunds(m: EntityManager, outTradeNo: string): Promise<PaymentRefund[]> {
    return m.find(PaymentRefund, { where: { outTradeNo }, order: { seq: 'ASC' } });
  }

  dueRefunds(m: EntityManager, now: Date, limit: number): Promise<PaymentRefund[]> {
    return m
      .createQueryBuilder(PaymentRefund, 'r')
      .where(`r.status IN ('submitting', 'processing')`)
      .andWhere(new Brackets((w) => w.where('r.next_query_at IS NULL').orWhere('r.next_query_at <= :now', { now })))
      .orderBy('r.next_query_at', 'ASC', 'NULLS FIRST')
      .limit(limit)
      .getMany();
  }

  // ---- reports ----

  /** Paid and refunded amounts per Asia/Shanghai day. */
  async revenueByDay(m: EntityManager, from: Date, to: Date): Promise<Array<{ day: string; paidFen: number; refundedFen: number; orders: number }>> {
    const rows: Array<{ day: string; paid: string; refunded: string; orders: string }> = await m.query(
      `WITH paid AS (
         SELECT to_char(paid_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, SUM(amount_fen) AS paid, COUNT(*) AS orders
           FROM payment_orders WHERE paid_at >= $1 AND paid_at < $2 GROUP BY 1),
       refunded AS (
         SELECT to_char(success_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, SUM(amount_fen) AS refunded
           FROM payment_refunds WHERE status = 'success' AND success_at >= $1 AND success_at < $2 GROUP BY 1)
       SELECT COALESCE(p.day, r.day) AS day, COALESCE(p.paid, 0) AS paid, COALESCE(r.refunded, 0) AS refunded, COALESCE(p.orders, 0) AS orders
         FROM paid p FULL JOIN refunded r ON r.day = p.day ORDER BY 1`,
      [from, to],
    );
    return rows.map((r) => ({ day: r.day, paidFen: Number(r.paid), refundedFen: Number(r.refunded), orders: Number(r.orders) }));
  }

  /** The daily sweep: what is still inconsistent. */
  async inconsistentOrders(m: EntityManager, now: Date): Promise<Array<{ outTradeNo: string; problem: string }>> {
    const rows: Array<{ out_trade_no: string; problem: string }> = await m.query(
      `SELECT out_trade_no, 'PAID_WITHOUT_GRANT' AS problem FROM payment_orders
         WHERE status IN ('paid', 'refunded') AND grant_id IS NULL AND review_flag IS NULL
       UNION ALL
       SELECT out_trade_no, 'PENDING_PAST_EXPIRY' FROM payment_orders
         WHERE status = 'pending' AND expires_at < $1::timestamptz - interval '1 hour' AND review_flag IS NULL
       UNION ALL
       SELECT o.out_trade_no, 'REFUND_STUCK' FROM payment_refunds r JOIN payment_orders o ON o.out_trade_no = r.out_trade_no
         WHERE r.status IN ('submitting', 'processing', 'abnormal') AND r.created_at < $1::timestamptz - interval '1 day' AND o.review_flag IS NULL
       UNION ALL
       SELECT out_trade_no, 'REFUNDED_TOTAL_MISMATCH' FROM payment_orders o
         WHERE review_flag IS NULL AND refunded_fen <> (SELECT COALESCE(SUM(amount_fen), 0) FROM payment_refunds r WHERE r.out_trade_no = o.out_trade_no AND r.status = 'success')`,
      [now],
    );
    return rows.map((r) => ({ outTradeNo: r.out_trade_no, problem: r.problem }));
  }
}
