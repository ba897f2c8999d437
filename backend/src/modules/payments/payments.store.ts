import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SqlParams, sqlOrderBy, sqlWhere } from '../../common/list-query.js';
import type { PageQueryDto } from '../../common/pagination.js';
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

/** A `payment_orders` row as the `PaymentOrder` entity has it (alias `o`; bigint fen converted after the read). */
const ORDER_COLUMNS = `o.out_trade_no AS "outTradeNo", o.user_id AS "userId", o.level, o.months, o.amount_fen AS "amountFen", o.description, o.status,
  o.code_url AS "codeUrl", o.expires_at AS "expiresAt", o.transaction_id AS "transactionId", o.paid_at AS "paidAt", o.closed_at AS "closedAt",
  o.refunded_fen AS "refundedFen", o.grant_id AS "grantId", o.review_flag AS "reviewFlag", o.review_note AS "reviewNote", o.lang,
  o.receipt_sent_at AS "receiptSentAt", o.risk_ack_at AS "riskAckAt", o.query_attempts AS "queryAttempts", o.next_query_at AS "nextQueryAt",
  o.created_at AS "createdAt", o.updated_at AS "updatedAt"`;

type OrderRow = Omit<PaymentOrder, 'amountFen' | 'refundedFen'> & { amountFen: string; refundedFen: string };

/** The fen columns as numbers, as the entity's `bigintFen` transformer reads them. */
function orderOf(r: OrderRow): PaymentOrder {
  return { ...r, amountFen: Number(r.amountFen), refundedFen: Number(r.refundedFen) };
}

/** Every statement on payment_orders, payment_refunds and payment_events. */
@Injectable()
export class PaymentsStore {
  /** Serialises order creation per member (same level re-click returns the same order). */
  async lockMemberOrders(m: EntityManager, userId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('payments:member:' || $1))`, [userId]);
  }

  /** The member's newest pending order of this level still payable at `payableUntil`. */
  async findReusablePending(m: EntityManager, userId: string, level: number, payableUntil: Date): Promise<PaymentOrder | null> {
    const rows: OrderRow[] = await m.query(
      `SELECT ${ORDER_COLUMNS} FROM payment_orders o
        WHERE o.user_id = $1 AND o.level = $2 AND o.status = 'pending' AND o.expires_at > $3
        ORDER BY o.created_at DESC LIMIT 1`,
      [userId, level, payableUntil],
    );
    return rows[0] ? orderOf(rows[0]) : null;
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
    await m.query('UPDATE payment_orders SET receipt_sent_at = $2, updated_at = CURRENT_TIMESTAMP WHERE out_trade_no = $1 AND receipt_sent_at IS NULL', [outTradeNo, at]);
  }

  async addEvent(m: EntityManager, e: Partial<PaymentEvent>): Promise<void> {
    await m.insert(PaymentEvent, e as never);
  }

  listEvents(m: EntityManager, outTradeNo: string): Promise<PaymentEvent[]> {
    return m.find(PaymentEvent, { where: { outTradeNo }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** A page of the member's orders, newest first, and the total. */
  async memberOrders(m: EntityManager, userId: string, skip: number, take: number): Promise<[PaymentOrder[], number]> {
    const counted: Array<{ n: number }> = await m.query('SELECT count(*)::int AS n FROM payment_orders o WHERE o.user_id = $1', [userId]);
    const rows: OrderRow[] = await m.query(
      `SELECT ${ORDER_COLUMNS} FROM payment_orders o WHERE o.user_id = $1 ORDER BY o.created_at DESC, o.out_trade_no DESC LIMIT $2::int OFFSET $3::int`,
      [userId, take, skip],
    );
    return [rows.map(orderOf), counted[0]?.n ?? 0];
  }

  /** A page of the admin order list (filters, PAYMENT_ORDER_SORT), and the total. */
  async adminOrders(m: EntityManager, f: AdminOrderFilter, sort: string | undefined, page: PageQueryDto): Promise<[PaymentOrder[], number]> {
    const p = new SqlParams();
    const where = sqlWhere([
      f.status && `o.status = ${p.add(f.status)}`,
      f.userId && `o.user_id = ${p.add(f.userId, 'uuid')}`,
      f.from && `o.created_at >= ${p.add(f.from, 'timestamptz')}`,
      f.to && `o.created_at < ${p.add(f.to, 'timestamptz')}`,
      f.flagged && 'o.review_flag IS NOT NULL',
    ]);
    const counted: Array<{ n: number }> = await m.query(`SELECT count(*)::int AS n FROM payment_orders o ${where}`, p.values);
    const rows: OrderRow[] = await m.query(`SELECT ${ORDER_COLUMNS} FROM payment_orders o ${where} ${sqlOrderBy(sort, PAYMENT_ORDER_SORT)} ${p.page(page)}`, p.values);
    return [rows.map(orderOf), counted[0]?.n ?? 0];
  }

  /** Pending orders whose next active query is due (never queried first). */
  dueOrders(m: EntityManager, now: Date, limit: number): Promise<Array<Pick<PaymentOrder, 'outTradeNo'>>> {
    return m.query(
      `SELECT o.out_trade_no AS "outTradeNo" FROM payment_orders o
        WHERE o.status = 'pending' AND (o.next_query_at IS NULL OR o.next_query_at <= $1)
        ORDER BY o.next_query_at ASC NULLS FIRST LIMIT $2::int`,
      [now, limit],
    );
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

  /** Refunds still in flight whose next query is due (never queried first). */
  dueRefunds(m: EntityManager, now: Date, limit: number): Promise<Array<Pick<PaymentRefund, 'outRefundNo'>>> {
    return m.query(
      `SELECT r.out_refund_no AS "outRefundNo" FROM payment_refunds r
        WHERE r.status IN ('submitting', 'processing') AND (r.next_query_at IS NULL OR r.next_query_at <= $1)
        ORDER BY r.next_query_at ASC NULLS FIRST LIMIT $2::int`,
      [now, limit],
    );
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
