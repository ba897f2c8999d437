import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type {
  AdminPaymentOrderDetailDto,
  AdminPaymentOrderDto,
  CreatedPaymentOrderDto,
  Paged,
  PaymentEventDto,
  PaymentOrderDto,
  PaymentQuoteDto,
  PaymentRefundDto,
  PaymentsConfigDto,
  RevenueDayDto,
} from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { paged, pageOffset, type PageQueryDto } from '../../common/pagination.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { OperationLogService } from '../audit/operation-log.service.js';
import { UsersService } from '../users/users.service.js';
import type { VipLevelChangedEvent } from '../vip/vip.events.js';
import { VipService } from '../vip/vip.service.js';
import { nextQueryDelayMs } from './domain/backoff.js';
import { checkTransaction } from './domain/transaction-check.js';
import type { AdminOrdersQueryDto, CreateOrderDto, CreateRefundDto } from './dto/payments.dto.js';
import type { PaymentOrder } from './entities/payment-order.entity.js';
import type { PaymentRefund, PaymentRefundStatus } from './entities/payment-refund.entity.js';
import { PAYMENT_ORDER_PAID, type PaymentOrderPaidEvent } from './payments.events.js';
import { paymentMetrics } from './payments.metrics.js';
import { PaymentsReceiptService } from './payments-receipt.service.js';
import { PAYMENTS_RUNTIME, type PaymentsRuntime } from './payments.runtime.js';
import { PaymentsStore } from './payments.store.js';
import { aesGcmDecrypt, verifySigned } from './wechatpay/wechatpay-crypto.js';
import { WechatPayError } from './wechatpay/wechatpay.errors.js';
import type { WechatRefund, WechatTransaction } from './wechatpay/wechatpay.gateway.js';

/** Every paid term is the level table's 3-month term (product §2). */
export const ORDER_MONTHS = 3;
/** A pending order is reused for a re-click only if it stays payable at least this long. */
const REUSE_MARGIN_MS = 5 * 60_000;
const OUT_TRADE_NO_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export type FulfilVia = 'notify' | 'query' | 'sync' | 'close';
export interface NotifyAnswer {
  status: number;
  body?: { code: 'FAIL'; message: string };
}
interface NotifyMeta {
  eventId: string | null;
  eventType: string | null;
}

/**
 * WeChat Pay Native orders: create (amount from the level table), verify and apply callbacks,
 * reconcile by active queries, close expired orders, refund. Every state change of an order goes
 * through one row lock (`store.lockOrder`), and VIP is granted only by `fulfil`, in the same
 * transaction, idempotently (the grant table keeps (payment, outTradeNo) unique as well).
 */
@Injectable()
export class PaymentsService {
  private readonly logger = new Logger('Payments');

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: PaymentsStore,
    private readonly clock: Clock,
    private readonly vip: VipService,
    private readonly users: UsersService,
    private readonly audit: OperationLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PAYMENTS_RUNTIME) private readonly runtime: PaymentsRuntime | null,
    private readonly events: EventEmitter2,
    private readonly receipts: PaymentsReceiptService,
  ) {}

  settings(): PaymentsConfigDto {
    return { enabled: this.runtime !== null, simulator: this.runtime?.simulator != null, orderTtlMinutes: this.config.paymentOrderTtlMinutes };
  }

  private rt(): PaymentsRuntime {
    if (!this.runtime) throw new AppException('PAYMENTS_DISABLED', 503, 'Online payment is not open; redeem a card key instead');
    return this.runtime;
  }

  private async saleLevel(level: number) {
    const levels = await this.vip.listLevels();
    const row = levels.find((l) => l.level === level);
    if (!row) throw AppException.notFound('VIP_LEVEL_NOT_FOUND', `VIP level ${level} does not exist`);
    if (level < 1 || !row.enabled || row.priceFen < 1) throw AppException.badRequest('PAYMENT_LEVEL_NOT_FOR_SALE', `VIP level ${level} is not for sale`);
    return row;
  }

  async quote(user: AuthUser, level: number): Promise<PaymentQuoteDto> {
    const row = await this.saleLevel(level);
    const me = await this.users.getById(user.id);
    const preview = await this.vip.previewGrant(user.id, level, ORDER_MONTHS);
    return {
      level,
      months: ORDER_MONTHS,
      amountFen: row.priceFen,
      kind: preview.ok ? preview.kind : null,
      expiresAfter: preview.ok ? preview.expiresAt : null,
      convertedDays: preview.ok ? preview.convertedDays : 0,
      refusal: preview.ok ? null : preview.code,
      riskAckRequired: me.riskAckAt === null,
    };
  }

  /**
   * POST /payments/wechat/orders. Re-clicking the same level while an unpaid, unexpired order
   * exists returns that order (same QR). The row is committed before WeChat Pay is asked, so a lost
   * answer leaves a pending order that a retry re-posts with identical parameters (WeChat accepts
   * that) and reconciliation can always query.
   */
  async createOrder(user: AuthUser, dto: CreateOrderDto, lang: 'zh-CN' | 'en' | null = null): Promise<CreatedPaymentOrderDto> {
    const rt = this.rt();
    if (user.role !== 'user') throw AppException.forbidden('FORBIDDEN', 'Only members buy VIP');
    const row = await this.saleLevel(dto.level);
    const me = await this.users.getById(user.id);
    if (me.riskAckAt === null && dto.riskAck !== true) throw AppException.badRequest('RISK_ACK_REQUIRED', 'Please read and accept the risk disclosure before paying');
    const preview = await this.vip.previewGrant(user.id, dto.level, ORDER_MONTHS);
    if (!preview.ok) throw new AppException(preview.code, preview.code === 'VIP_DOWNGRADE_NOT_ALLOWED' ? 409 : 400, 'This purchase cannot be granted', { reason: preview.reason });
    const now = this.clock.now();
    const { order, created } = await this.dataSource.transaction(async (m) => {
      await this.store.lockMemberOrders(m, user.id);
      const reuse = await this.store.findReusablePending(m, user.id, dto.level, new Date(now.getTime() + REUSE_MARGIN_MS));
      if (reuse && reuse.amountFen === row.priceFen) return { order: reuse, created: false };
      const order = await this.store.insertOrder(m, {
        outTradeNo: newOutTradeNo(now),
        userId: user.id,
        level: dto.level,
        months: ORDER_MONTHS,
        amountFen: row.priceFen,
        description: `智策 ${row.name} ${ORDER_MONTHS}个月`.slice(0, 127),
        status: 'pending',
        expiresAt: new Date(now.getTime() + this.config.paymentOrderTtlMinutes * 60_000),
        riskAckAt: dto.riskAck === true ? now : me.riskAckAt!,
        lang,
        nextQueryAt: new Date(now.getTime() + nextQueryDelayMs(0)),
        createdAt: now,
      });
      await this.store.addEvent(m, { outTradeNo: order.outTradeNo, kind: 'created', at: now, outcome: 'PENDING', detail: { level: order.level, months: order.months, amountFen: order.amountFen, expiresAt: order.expiresAt.toISOString(), riskAck: dto.riskAck === true ? 'now' : 'stored' } });
      return { order, created: true };
    });
    if (created) paymentMetrics.ordersCreated.inc({ level: String(order.level) });
    if (!order.codeUrl) {
      try {
        const { codeUrl } = await rt.gateway.createNativeOrder({
          outTradeNo: order.outTradeNo,
          description: order.description,
          amountFen: order.amountFen,
          timeExpire: order.expiresAt,
          notifyUrl: rt.notifyUrl,
        });
        order.codeUrl = codeUrl;
        await this.store.setCodeUrl(this.dataSource.manager, order.outTradeNo, codeUrl);
      } catch (e) {
        await this.event(order.outTradeNo, { kind: 'prepay', outcome: errorOutcome(e), detail: { message: errorMessage(e) } });
        this.logger.warn(`native order ${order.outTradeNo} failed: ${errorMessage(e)}`);
        throw new AppException('PAYMENT_GATEWAY_ERROR', 502, 'WeChat Pay did not answer; please try again', { reason: e instanceof WechatPayError ? e.kind : 'UNKNOWN' });
      }
    }
    return { outTradeNo: order.outTradeNo, codeUrl: order.codeUrl!, amountFen: order.amountFen, level: order.level, months: order.months, status: order.status, expiresAt: order.expiresAt.toISOString() };
  }

  async getOrder(user: AuthUser, outTradeNo: string): Promise<PaymentOrderDto> {
    const order = await this.store.findOrder(this.dataSource.manager, outTradeNo);
    if (!order || (user.role !== 'admin' && order.userId !== user.id)) throw AppException.notFound('PAYMENT_ORDER_NOT_FOUND', 'Order not found');
    return this.toDto(order);
  }

  async myOrders(user: AuthUser, q: PageQueryDto): Promise<Paged<PaymentOrderDto>> {
    const { skip, take } = pageOffset(q);
    const [rows, total] = await this.store.memberOrders(this.dataSource.manager, user.id, skip, take);
    return paged(await Promise.all(rows.map((r) => this.toDto(r))), total, q);
  }

  /** Dev simulator: the member "scans and pays"; the fake then sends the signed, encrypted callback. */
  async simulatePay(user: AuthUser, outTradeNo: string): Promise<{ accepted: true }> {
    const sim = this.runtime?.simulator;
    if (!sim) throw AppException.notFound('NOT_FOUND', 'The WeChat Pay simulator is not running');
    const order = await this.store.findOrder(this.dataSource.manager, outTradeNo);
    if (!order || order.userId !== user.id) throw AppException.notFound('PAYMENT_ORDER_NOT_FOUND', 'Order not found');
    if (order.status !== 'pending') throw AppException.conflict('PAYMENT_ORDER_NOT_PENDING', 'The order is no longer pending');
    try {
      sim.pay(outTradeNo);
    } catch (e) {
      throw AppException.conflict('PAYMENT_ORDER_NOT_PENDING', errorMessage(e));
    }
    return { accepted: true };
  }

  // ---- callbacks ---------------------------------------------------------------------------

  /**
   * POST /payments/wechat/notify with the raw body. Verify (signature by Wechatpay-Serial, 300 s
   * window, probes refused) before decrypting; then apply. 204 on success and on a replay; 4xx/5xx
   * `{ code: "FAIL" }` otherwise so WeChat retries (a SIGNTEST probe gets a correct resend).
   */
  async handleNotify(headers: Record<string, string | string[] | undefined>, raw: Buffer | undefined): Promise<NotifyAnswer> {
    const rt = this.rt();
    const h = (k: string) => {
      const v = headers[k];
      return Array.isArray(v) ? v[0] : v;
    };
    const body = raw ? raw.toString('utf8') : '';
    let envelope: { id?: unknown; event_type?: unknown; resource?: { ciphertext?: unknown; nonce?: unknown; associated_data?: unknown; algorithm?: unknown } } | null = null;
    try {
      envelope = JSON.parse(body);
    } catch {
      envelope = null;
    }
    const meta: NotifyMeta = {
      eventId: typeof envelope?.id === 'string' ? envelope.id.slice(0, 64) : null,
      eventType: typeof envelope?.event_type === 'string' ? envelope.event_type.slice(0, 32) : null,
    };
    const verdict = verifySigned(
      { timestamp: h('wechatpay-timestamp'), nonce: h('wechatpay-nonce'), signature: h('wechatpay-signature'), serial: h('wechatpay-serial') },
      body,
      rt.verifyKeys,
      Math.floor(this.clock.now().getTime() / 1000),
    );
    if (!verdict.ok) return this.refuseNotify(meta, verdict.reason, 401, { serial: h('wechatpay-serial')?.slice(0, 64) ?? null, timestamp: h('wechatpay-timestamp')?.slice(0, 20) ?? null });
    const res = envelope?.resource;
    if (!envelope || !res || typeof res.ciphertext !== 'string' || typeof res.nonce !== 'string' || res.algorithm !== 'AEAD_AES_256_GCM') {
      return this.refuseNotify(meta, 'MALFORMED', 400, null);
    }
    let plain: Record<string, any>;
    try {
      plain = JSON.parse(aesGcmDecrypt(rt.apiV3Key, res.nonce, typeof res.associated_data === 'string' ? res.associated_data : '', res.ciphertext));
    } catch {
      return this.refuseNotify(meta, 'DECRYPT_FAILED', 400, null);
    }
    if (meta.eventType?.startsWith('TRANSACTION.')) {
      const r = await this.accept(plain as WechatTransaction, 'notify', meta);
      return r.ok ? { status: 204 } : { status: r.status, body: { code: 'FAIL', message: r.message } };
    }
    if (meta.eventType?.startsWith('REFUND.')) {
      const r = await this.acceptRefundNotify(plain, meta);
      return r.ok ? { status: 204 } : { status: r.status, body: { code: 'FAIL', message: r.message } };
    }
    await this.event(null, { kind: 'notify', ...meta, verified: true, outcome: 'IGNORED_EVENT_TYPE', detail: null });
    return { status: 204 };
  }

  private async refuseNotify(meta: NotifyMeta, reason: string, status: number, detail: Record<string, unknown> | null): Promise<NotifyAnswer> {
    paymentMetrics.notifyVerificationFailures.inc({ reason });
    await this.event(null, { kind: 'notify', ...meta, verified: false, outcome: reason, detail });
    return { status, body: { code: 'FAIL', message: reason } };
  }

  /**
   * A trade state from WeChat Pay (callback, query, close) applied to our order: mismatches are
   * flagged, never granted; SUCCESS goes to `fulfil`; CLOSED closes.
   */
  private async accept(tx: WechatTransaction, via: FulfilVia, meta: NotifyMeta | null): Promise<{ ok: true } | { ok: false; status: number; message: string }> {
    const rt = this.rt();
    const outTradeNo = typeof tx.out_trade_no === 'string' ? tx.out_trade_no.slice(0, 64) : '';
    const kind = via === 'notify' ? 'notify' : 'query';
    const summary = { tradeState: tx.trade_state, transactionId: tx.transaction_id ?? null, total: tx.amount?.total ?? null, successTime: tx.success_time ?? null };
    const order = outTradeNo ? await this.store.findOrder(this.dataSource.manager, outTradeNo) : null;
    if (!order) {
      await this.event(outTradeNo || null, { kind, ...(meta ?? {}), verified: true, outcome: 'UNKNOWN_ORDER', detail: summary });
      return { ok: false, status: 404, message: 'unknown out_trade_no' };
    }
    const problem = checkTransaction(tx, { mchid: rt.mchid, appid: rt.appid, outTradeNo: order.outTradeNo, amountFen: order.amountFen });
    if (problem) {
      await this.flag(order.outTradeNo, problem, `${via}: ${problem.field} is ${JSON.stringify(problem.got)}, expected ${JSON.stringify(problem.expected)}`, { kind, ...(meta ?? {}), detail: summary });
      return { ok: false, status: 400, message: `${problem.field} mismatch` };
    }
    if (tx.trade_state === 'SUCCESS' || tx.trade_state === 'REFUND') {
      await this.fulfil(order.outTradeNo, tx, via, meta);
      return { ok: true };
    }
    if (tx.trade_state === 'CLOSED' || tx.trade_state === 'REVOKED' || tx.trade_state === 'PAYERROR') {
      await this.markClosed(order.outTradeNo, `${via}: ${tx.trade_state}`, meta);
      return { ok: true };
    }
    await this.event(order.outTradeNo, { kind, ...(meta ?? {}), verified: true, outcome: tx.trade_state, detail: summary });
    return { ok: true };
  }

  /**
   * The one place VIP is granted for a payment: lock the order row, and if it is not already paid,
   * mark it paid and grant through VipService in the same transaction (source payment, reference
   * outTradeNo). Replays and racing paths find it paid and only leave an event. Level-changed events
   * go out after the commit.
   */
  async fulfil(outTradeNo: string, tx: WechatTransaction, via: FulfilVia, meta: NotifyMeta | null = null): Promise<{ granted: boolean }> {
    const end = paymentMetrics.fulfilSeconds.startTimer({ via });
    const now = this.clock.now();
    let changed: VipLevelChangedEvent | null = null;
    let paid: PaymentOrderPaidEvent | null = null;
    const kind = via === 'notify' ? 'notify' : 'query';
    const summary = { tradeState: tx.trade_state, transactionId: tx.transaction_id ?? null, total: tx.amount?.total ?? null, successTime: tx.success_time ?? null, via };
    const granted = await this.dataSource.transaction(async (m) => {
      const order = await this.store.lockOrder(m, outTradeNo);
      if (!order) return false;
      if (order.paidAt !== null) {
        await this.store.addEvent(m, { outTradeNo, kind, at: now, ...(meta ?? {}), verified: true, outcome: 'REPLAY', detail: summary });
        return false;
      }
      const wasClosed = order.status !== 'pending';
      order.status = 'paid';
      order.paidAt = tx.success_time && !Number.isNaN(Date.parse(tx.success_time)) ? new Date(tx.success_time) : now;
      order.transactionId = tx.transaction_id?.slice(0, 32) ?? null;
      order.nextQueryAt = null;
      await this.store.addEvent(m, { outTradeNo, kind, at: now, ...(meta ?? {}), verified: true, outcome: 'SUCCESS', detail: summary });
      try {
        const res = await this.vip.grantIn(m, { userId: order.userId, level: order.level, months: order.months, source: 'payment', reference: outTradeNo, reason: `微信支付 ${outTradeNo}` });
        order.grantId = res.grant.id;
        changed = res.changed;
        if (res.grant.expiresAfter) {
          paid = { outTradeNo, userId: order.userId, expiresAt: res.grant.expiresAfter };
          await this.receipts.record(m, paid);
        }
        await this.store.addEvent(m, { outTradeNo, kind: 'grant', at: now, outcome: res.grant.kind.toUpperCase(), detail: { grantId: res.grant.id, level: res.grant.level, months: res.grant.months, expiresBefore: res.grant.expiresBefore, expiresAfter: res.grant.expiresAfter } });
        if (wasClosed) {
          order.reviewFlag = 'PAID_AFTER_CLOSE';
          order.reviewNote = 'WeChat Pay reports the order paid after it was closed here; VIP was granted';
        }
      } catch (e) {
        if (!(e instanceof AppException)) throw e;
        // Paid but not grantable (e.g. a higher level bought meanwhile): keep the money visible to an operator.
        order.reviewFlag = 'GRANT_REFUSED';
        order.reviewNote = `${e.code}: refund or grant by hand`;
        await this.store.addEvent(m, { outTradeNo, kind: 'grant', at: now, outcome: 'REFUSED', detail: { code: e.code } });
        await this.audit.record({ operator: null, action: 'payment.flag', targetType: 'payment_order', targetId: outTradeNo, after: { flag: 'GRANT_REFUSED', code: e.code } }, m);
      }
      await this.store.saveOrder(m, order);
      return true;
    });
    end();
    if (granted) {
      paymentMetrics.ordersPaid.inc({ via });
      this.vip.publishLevelChanged(changed);
      if (paid) this.events.emit(PAYMENT_ORDER_PAID, paid);
    }
    return { granted };
  }

  private async flag(outTradeNo: string, problem: { field: string; got: unknown; expected: unknown }, note: string, ev: { kind: string; eventId?: string | null; eventType?: string | null; detail: Record<string, unknown> }) {
    const flag = `${problem.field.toUpperCase()}_MISMATCH`;
    paymentMetrics.mismatches.inc({ field: problem.field });
    this.logger.warn(`order ${outTradeNo} flagged ${flag}: ${note}`);
    await this.dataSource.transaction(async (m) => {
      const order = await this.store.lockOrder(m, outTradeNo);
      if (!order) return;
      const before = { reviewFlag: order.reviewFlag };
      order.reviewFlag = flag;
      order.reviewNote = note.slice(0, 300);
      await this.store.saveOrder(m, order);
      await this.store.addEvent(m, { outTradeNo, kind: ev.kind, at: this.clock.now(), eventId: ev.eventId ?? null, eventType: ev.eventType ?? null, verified: true, outcome: flag, detail: ev.detail });
      await this.audit.record({ operator: null, action: 'payment.flag', targetType: 'payment_order', targetId: outTradeNo, before, after: { reviewFlag: flag, note } }, m);
    });
  }

  private async markClosed(outTradeNo: string, why: string, meta: NotifyMeta | null = null) {
    const closed = await this.dataSource.transaction(async (m) => {
      const order = await this.store.lockOrder(m, outTradeNo);
      if (!order || order.status !== 'pending') return false;
      order.status = 'closed';
      order.closedAt = this.clock.now();
      order.nextQueryAt = null;
      await this.store.saveOrder(m, order);
      await this.store.addEvent(m, { outTradeNo, kind: 'close', at: this.clock.now(), ...(meta ?? {}), outcome: 'CLOSED', detail: { why } });
      return true;
    });
    if (closed) paymentMetrics.ordersClosed.inc();
  }

  // ---- reconciliation ------------------------------------------------------------------------

  /**
   * Asks WeChat Pay where the order stands and applies it (paid → fulfil; closed → close; not paid
   * and expired → close at WeChat Pay, where an ORDER_PAID answer reconciles to paid; otherwise the
   * next query is scheduled on the back-off 1, 2, 5, 10, 30 min).
   */
  async reconcile(outTradeNo: string, via: 'query' | 'sync' = 'query'): Promise<void> {
    const rt = this.rt();
    const order = await this.store.findOrder(this.dataSource.manager, outTradeNo);
    if (!order) throw AppException.notFound('PAYMENT_ORDER_NOT_FOUND', 'Order not found');
    if (order.status !== 'pending' && via === 'query') return;
    const now = this.clock.now();
    let tx: WechatTransaction;
    try {
      tx = await rt.gateway.queryOrder(outTradeNo);
    } catch (e) {
      await this.event(outTradeNo, { kind: 'query', outcome: errorOutcome(e), detail: { message: errorMessage(e), via } });
      if (e instanceof WechatPayError && e.kind === 'ORDER_NOT_EXIST' && order.status === 'pending' && order.expiresAt <= now) {
        await this.markClosed(outTradeNo, 'never created at WeChat Pay and expired');
      } else await this.scheduleNext(outTradeNo);
      return;
    }
    if (tx.trade_state === 'NOTPAY' && order.status === 'pending') {
      await this.event(outTradeNo, { kind: 'query', outcome: 'NOTPAY', detail: { via } });
      if (order.expiresAt <= now) await this.closeAtWechat(outTradeNo);
      else await this.scheduleNext(outTradeNo);
      return;
    }
    const r = await this.accept(tx, via, null);
    if (!r.ok) await this.scheduleNext(outTradeNo);
  }

  /** Close an expired order at WeChat Pay; ORDER_PAID means it was paid meanwhile → query → fulfil. */
  async closeAtWechat(outTradeNo: string): Promise<void> {
    const rt = this.rt();
    try {
      await rt.gateway.closeOrder(outTradeNo);
      await this.markClosed(outTradeNo, 'expired; closed at WeChat Pay');
    } catch (e) {
      await this.event(outTradeNo, { kind: 'close', outcome: errorOutcome(e), detail: { message: errorMessage(e) } });
      if (e instanceof WechatPayError && e.kind === 'ORDER_PAID') {
        const tx = await rt.gateway.queryOrder(outTradeNo).catch(() => null);
        if (tx && (tx.trade_state === 'SUCCESS' || tx.trade_state === 'REFUND')) await this.accept(tx, 'close', null);
        else await this.scheduleNext(outTradeNo);
      } else if (e instanceof WechatPayError && e.kind === 'ORDER_NOT_EXIST') {
        await this.markClosed(outTradeNo, 'expired; unknown at WeChat Pay');
      } else await this.scheduleNext(outTradeNo);
    }
  }

  private async scheduleNext(outTradeNo: string) {
    await this.dataSource.transaction(async (m) => {
      const order = await this.store.lockOrder(m, outTradeNo);
      if (!order || order.status !== 'pending') return;
      order.queryAttempts += 1;
      const next = new Date(this.clock.now().getTime() + nextQueryDelayMs(order.queryAttempts));
      // Never wait past the expiry: the close must happen soon after it.
      order.nextQueryAt = next > order.expiresAt && this.clock.now() < order.expiresAt ? order.expiresAt : next;
      await this.store.saveOrder(m, order);
    });
  }

  /** The reconciliation job: every due pending order, then every unsettled refund. */
  async reconcileDue(limit = 200): Promise<{ orders: number; refunds: number }> {
    if (!this.runtime) return { orders: 0, refunds: 0 };
    const now = this.clock.now();
    const due = await this.store.dueOrders(this.dataSource.manager, now, limit);
    for (const o of due) {
      await this.reconcile(o.outTradeNo, 'query').catch((e) => this.logger.warn(`reconcile ${o.outTradeNo}: ${errorMessage(e)}`));
    }
    const refunds = await this.store.dueRefunds(this.dataSource.manager, now, limit);
    for (const r of refunds) {
      await this.advanceRefund(r.outRefundNo).catch((e) => this.logger.warn(`refund ${r.outRefundNo}: ${errorMessage(e)}`));
    }
    return { orders: due.length, refunds: refunds.length };
  }

  /** Admin "sync now": the same query and the same fulfil, audited. */
  async syncNow(admin: AuthUser, outTradeNo: string, ip: string | null): Promise<AdminPaymentOrderDetailDto> {
    const before = await this.store.findOrder(this.dataSource.manager, outTradeNo);
    if (!before) throw AppException.notFound('PAYMENT_ORDER_NOT_FOUND', 'Order not found');
    await this.reconcile(outTradeNo, 'sync');
    for (const r of await this.store.listRefunds(this.dataSource.manager, outTradeNo)) {
      if (r.status === 'submitting' || r.status === 'processing') await this.advanceRefund(r.outRefundNo).catch(() => undefined);
    }
    const after = (await this.store.findOrder(this.dataSource.manager, outTradeNo))!;
    await this.audit.record({ operator: admin, action: 'payment.sync', targetType: 'payment_order', targetId: outTradeNo, before: { status: before.status }, after: { status: after.status }, ip });
    return this.adminDetail(outTradeNo);
  }

  /** Daily sweep: flags what is still inconsistent so it shows in the admin's review list. */
  async dailySweep(): Promise<{ flagged: number }> {
    const problems = await this.store.inconsistentOrders(this.dataSource.manager, this.clock.now());
    for (const p of problems) {
      await this.dataSource.transaction(async (m) => {
        const order = await this.store.lockOrder(m, p.outTradeNo);
        if (!order || order.reviewFlag) return;
        order.reviewFlag = p.problem;
        order.reviewNote = 'found by the daily reconciliation sweep';
        await this.store.saveOrder(m, order);
        await this.store.addEvent(m, { outTradeNo: p.outTradeNo, kind: 'sweep', at: this.clock.now(), outcome: p.problem, detail: null });
      });
    }
    if (problems.length) this.logger.warn(`daily sweep flagged ${problems.length} order(s)`);
    return { flagged: problems.length };
  }

  // ---- refunds -------------------------------------------------------------------------------

  /**
   * Admin refund (full or partial). Under the order's row lock the refunds that hold money are summed,
   * so concurrent requests can never exceed the paid amount; the refund row with its stable
   * out_refund_no is committed before WeChat Pay is asked, and any retry re-sends that same number.
   */
  async refund(admin: AuthUser, outTradeNo: string, dto: CreateRefundDto, ip: string | null): Promise<PaymentRefundDto> {
    this.rt();
    const now = this.clock.now();
    const refund = await this.dataSource.transaction(async (m) => {
      const order = await this.store.lockOrder(m, outTradeNo);
      if (!order) throw AppException.notFound('PAYMENT_ORDER_NOT_FOUND', 'Order not found');
      if (!order.paidAt || (order.status !== 'paid' && order.status !== 'refunded')) throw AppException.conflict('PAYMENT_NOT_REFUNDABLE', 'Only paid orders can be refunded');
      const committed = await this.store.refundCommittedFen(m, outTradeNo);
      if (committed + dto.amountFen > order.amountFen) {
        throw AppException.conflict('PAYMENT_REFUND_EXCEEDS_PAID', 'Refunds cannot exceed the amount paid', { paidFen: order.amountFen, refundableFen: order.amountFen - committed });
      }
      const seq = await this.store.nextRefundSeq(m, outTradeNo);
      const r = await this.store.insertRefund(m, {
        outRefundNo: `${outTradeNo}R${seq}`,
        outTradeNo,
        seq,
        amountFen: dto.amountFen,
        reason: dto.reason,
        status: 'submitting',
        operatorId: admin.id,
        nextQueryAt: new Date(now.getTime() + 60_000),
        createdAt: now,
      });
      await this.store.addEvent(m, { outTradeNo, kind: 'refund', at: now, outcome: 'REQUESTED', detail: { outRefundNo: r.outRefundNo, amountFen: r.amountFen, reason: r.reason, operator: admin.username } });
      await this.audit.record({ operator: admin, action: 'payment.refund', targetType: 'payment_order', targetId: outTradeNo, before: { refundedFen: order.refundedFen, committedFen: committed }, after: { outRefundNo: r.outRefundNo, amountFen: r.amountFen, reason: r.reason }, ip }, m);
      return r;
    });
    await this.submitRefund(refund.outRefundNo);
    return toRefundDto((await this.store.findRefund(this.dataSource.manager, refund.outRefundNo))!);
  }

  /** Sends (or re-sends, same number) a refund to WeChat Pay and applies the answer. */
  private async submitRefund(outRefundNo: string): Promise<void> {
    const rt = this.rt();
    const r = await this.store.findRefund(this.dataSource.manager, outRefundNo);
    if (!r || r.status !== 'submitting') return;
    const order = (await this.store.findOrder(this.dataSource.manager, r.outTradeNo))!;
    let answer: WechatRefund;
    try {
      answer = await rt.gateway.createRefund({ outTradeNo: r.outTradeNo, outRefundNo, reason: r.reason, refundFen: r.amountFen, totalFen: order.amountFen, notifyUrl: rt.notifyUrl });
    } catch (e) {
      await this.event(r.outTradeNo, { kind: 'refund', outcome: errorOutcome(e), detail: { outRefundNo, message: errorMessage(e) } });
      if (e instanceof WechatPayError && !e.transient && e.kind !== 'NOT_ENOUGH') await this.applyRefundStatus(outRefundNo, 'CLOSED', null, 'refund');
      else await this.bumpRefund(outRefundNo);
      return;
    }
    await this.applyRefundStatus(outRefundNo, answer.status ?? 'PROCESSING', answer, 'refund');
  }

  /** The reconciliation step for one refund: re-submit, or query where it stands. */
  private async advanceRefund(outRefundNo: string): Promise<void> {
    const r = await this.store.findRefund(this.dataSource.manager, outRefundNo);
    if (!r) return;
    if (r.status === 'submitting') return this.submitRefund(outRefundNo);
    if (r.status !== 'processing') return;
    try {
      const answer = await this.rt().gateway.queryRefund(outRefundNo);
      await this.applyRefundStatus(outRefundNo, answer.status ?? 'PROCESSING', answer, 'refund-query');
    } catch (e) {
      await this.event(r.outTradeNo, { kind: 'refund-query', outcome: errorOutcome(e), detail: { outRefundNo, message: errorMessage(e) } });
      await this.bumpRefund(outRefundNo);
    }
  }

  private async bumpRefund(outRefundNo: string) {
    await this.dataSource.transaction(async (m) => {
      const r = await this.store.lockRefund(m, outRefundNo);
      if (!r) return;
      r.queryAttempts += 1;
      r.nextQueryAt = new Date(this.clock.now().getTime() + nextQueryDelayMs(r.queryAttempts));
      await this.store.saveRefund(m, r);
    });
  }

  private async acceptRefundNotify(plain: Record<string, any>, meta: NotifyMeta): Promise<{ ok: true } | { ok: false; status: number; message: string }> {
    const rt = this.rt();
    const outRefundNo = typeof plain.out_refund_no === 'string' ? plain.out_refund_no.slice(0, 64) : '';
    const r = outRefundNo ? await this.store.findRefund(this.dataSource.manager, outRefundNo) : null;
    const summary = { outRefundNo, refundStatus: plain.refund_status ?? null, refund: plain.amount?.refund ?? null };
    if (!r) {
      await this.event(typeof plain.out_trade_no === 'string' ? plain.out_trade_no.slice(0, 64) : null, { kind: 'refund-notify', ...meta, verified: true, outcome: 'UNKNOWN_REFUND', detail: summary });
      return { ok: false, status: 404, message: 'unknown out_refund_no' };
    }
    if (plain.mchid !== rt.mchid || plain.out_trade_no !== r.outTradeNo || plain.amount?.refund !== r.amountFen) {
      const field = plain.mchid !== rt.mchid ? 'mchid' : plain.out_trade_no !== r.outTradeNo ? 'out_trade_no' : 'amount';
      await this.flag(r.outTradeNo, { field, got: field === 'mchid' ? plain.mchid : field === 'amount' ? plain.amount?.refund : plain.out_trade_no, expected: field === 'mchid' ? rt.mchid : field === 'amount' ? r.amountFen : r.outTradeNo }, `refund notify ${outRefundNo}: ${field} mismatch`, { kind: 'refund-notify', ...meta, detail: summary });
      return { ok: false, status: 400, message: `${field} mismatch` };
    }
    await this.applyRefundStatus(outRefundNo, String(plain.refund_status ?? ''), plain as WechatRefund, 'refund-notify', meta);
    return { ok: true };
  }

  /**
   * Applies a refund's state under the order lock (then the refund lock). SUCCESS adds to the
   * refunded total; when that reaches the paid amount the order is `refunded` and the VIP time it
   * granted is reverted (a new 'revert' grant, audited). Terminal states are applied once.
   */
  private async applyRefundStatus(outRefundNo: string, wechatStatus: string, answer: WechatRefund | null, kind: string, meta: NotifyMeta | null = null): Promise<void> {
    const states: Record<string, PaymentRefundStatus> = { SUCCESS: 'success', CLOSED: 'closed', ABNORMAL: 'abnormal', PROCESSING: 'processing' };
    const target: PaymentRefundStatus | null = states[wechatStatus] ?? null;
    let changed: VipLevelChangedEvent | null = null;
    let full = false;
    const applied = await this.dataSource.transaction(async (m) => {
      const r0 = await this.store.findRefund(m, outRefundNo);
      if (!r0) return false;
      const order = (await this.store.lockOrder(m, r0.outTradeNo))!;
      const r = (await this.store.lockRefund(m, outRefundNo))!;
      const now = this.clock.now();
      const detail = { outRefundNo, status: wechatStatus, refundId: answer?.refund_id ?? null };
      if (!target || r.status === 'success' || r.status === 'closed' || (r.status === target && target !== 'processing')) {
        await this.store.addEvent(m, { outTradeNo: r.outTradeNo, kind, at: now, ...(meta ?? {}), verified: meta ? true : null, outcome: r.status === target ? 'REPLAY' : `IGNORED_${wechatStatus || 'EMPTY'}`, detail });
        return false;
      }
      r.status = target;
      if (answer?.refund_id) r.refundId = answer.refund_id.slice(0, 64);
      r.nextQueryAt = target === 'processing' ? new Date(now.getTime() + nextQueryDelayMs(r.queryAttempts)) : null;
      await this.store.addEvent(m, { outTradeNo: r.outTradeNo, kind, at: now, ...(meta ?? {}), verified: meta ? true : null, outcome: wechatStatus, detail });
      if (target === 'success') {
        r.successAt = answer?.success_time && !Number.isNaN(Date.parse(answer.success_time)) ? new Date(answer.success_time) : now;
        order.refundedFen += r.amountFen;
        if (order.refundedFen >= order.amountFen) {
          full = true;
          order.status = 'refunded';
          const rev = await this.vip.revertGrantIn(m, { source: 'payment', reference: order.outTradeNo, revertReference: outRefundNo, reason: `微信支付全额退款 ${outRefundNo}` });
          r.revertGrantId = rev.grant?.id ?? null;
          changed = rev.changed;
          await this.store.addEvent(m, { outTradeNo: r.outTradeNo, kind: 'grant', at: now, outcome: rev.grant ? 'REVERT' : 'NOTHING_TO_REVERT', detail: rev.grant ? { grantId: rev.grant.id, expiresBefore: rev.grant.expiresBefore, expiresAfter: rev.grant.expiresAfter, level: rev.grant.level } : null });
        }
        await this.store.saveOrder(m, order);
      }
      if (target === 'abnormal') {
        order.reviewFlag = 'REFUND_ABNORMAL';
        order.reviewNote = `refund ${outRefundNo} is ABNORMAL (e.g. the payer's card was closed): handle it in the merchant platform`;
        await this.store.saveOrder(m, order);
      }
      await this.store.saveRefund(m, r);
      return target === 'success';
    });
    if (applied) {
      const r = (await this.store.findRefund(this.dataSource.manager, outRefundNo))!;
      paymentMetrics.ordersRefunded.inc({ kind: full ? 'full' : 'partial' });
      paymentMetrics.refundedFen.inc(r.amountFen);
      this.vip.publishLevelChanged(changed);
    }
  }

  // ---- admin reads ---------------------------------------------------------------------------

  async adminList(q: AdminOrdersQueryDto): Promise<Paged<AdminPaymentOrderDto>> {
    const filter = { status: q.status, userId: q.userId, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, flagged: q.flagged === 'true' };
    const [rows, total] = await this.store.adminOrders(this.dataSource.manager, filter, q.sort, q);
    return paged(await this.toAdminDtos(rows), total, q);
  }

  async adminDetail(outTradeNo: string): Promise<AdminPaymentOrderDetailDto> {
    const m = this.dataSource.manager;
    const order = await this.store.findOrder(m, outTradeNo);
    if (!order) throw AppException.notFound('PAYMENT_ORDER_NOT_FOUND', 'Order not found');
    const [dto] = await this.toAdminDtos([order]);
    const events = await this.store.listEvents(m, outTradeNo);
    const refunds = await this.store.listRefunds(m, outTradeNo);
    return { ...dto!, events: events.map(toEventDto), refunds: refunds.map(toRefundDto) };
  }

  /** Rows for the XLSX export (same filters as the list, up to 10,000 rows). */
  async exportRows(q: AdminOrdersQueryDto): Promise<AdminPaymentOrderDto[]> {
    const out: AdminPaymentOrderDto[] = [];
    for (let page = 1; page <= 100; page++) {
      const r = await this.adminList(Object.assign(Object.create(Object.getPrototypeOf(q)), q, { page, pageSize: 100 }));
      out.push(...r.items);
      if (r.items.length < 100) break;
    }
    return out;
  }

  async revenue(days: number): Promise<RevenueDayDto[]> {
    const now = this.clock.now();
    const from = new Date(now.getTime() - days * 86_400_000);
    return this.store.revenueByDay(this.dataSource.manager, from, new Date(now.getTime() + 60_000));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async event(outTradeNo: string | null, e: { kind: string; outcome: string; eventId?: string | null; eventType?: string | null; verified?: boolean | null; detail: Record<string, unknown> | null }) {
    await this.store.addEvent(this.dataSource.manager, { outTradeNo, at: this.clock.now(), eventId: e.eventId ?? null, eventType: e.eventType ?? null, verified: e.verified ?? null, kind: e.kind, outcome: e.outcome.slice(0, 48), detail: e.detail });
  }

  private async toDto(o: PaymentOrder): Promise<PaymentOrderDto> {
    let vipExpiresAfter: string | null = null;
    if (o.grantId) {
      const ev = (await this.store.listEvents(this.dataSource.manager, o.outTradeNo)).find((e) => e.kind === 'grant' && e.detail && typeof e.detail.expiresAfter === 'string' && e.outcome !== 'REVERT');
      vipExpiresAfter = (ev?.detail?.expiresAfter as string | undefined) ?? null;
    }
    return {
      outTradeNo: o.outTradeNo,
      status: o.status,
      amountFen: o.amountFen,
      level: o.level,
      months: o.months,
      createdAt: o.createdAt.toISOString(),
      paidAt: o.paidAt?.toISOString() ?? null,
      expiresAt: o.expiresAt.toISOString(),
      closedAt: o.closedAt?.toISOString() ?? null,
      refundedFen: o.refundedFen,
      transactionId: o.transactionId,
      vipExpiresAfter,
    };
  }

  private async toAdminDtos(rows: PaymentOrder[]): Promise<AdminPaymentOrderDto[]> {
    const names = await this.users.usernamesByIds([...new Set(rows.map((r) => r.userId))]);
    return Promise.all(
      rows.map(async (o) => ({
        ...(await this.toDto(o)),
        userId: o.userId,
        username: names.get(o.userId) ?? null,
        reviewFlag: o.reviewFlag,
        reviewNote: o.reviewNote,
        queryAttempts: o.queryAttempts,
        nextQueryAt: o.nextQueryAt?.toISOString() ?? null,
      })),
    );
  }
}

/** 30 chars: `ZC` + Shanghai date + 20 characters from a CSPRNG (~100 bits): unique and not guessable. */
export function newOutTradeNo(now: Date): string {
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  let tail = '';
  for (const b of randomBytes(20)) tail += OUT_TRADE_NO_ALPHABET[b % 32];
  return `ZC${day}${tail}`;
}

function errorOutcome(e: unknown): string {
  return e instanceof WechatPayError ? `ERROR_${e.kind}` : 'ERROR';
}
function errorMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 300);
}

function toEventDto(e: { id: string; kind: string; at: Date; eventId: string | null; eventType: string | null; verified: boolean | null; outcome: string; detail: Record<string, unknown> | null }): PaymentEventDto {
  return { id: e.id, kind: e.kind, at: e.at.toISOString(), eventId: e.eventId, eventType: e.eventType, verified: e.verified, outcome: e.outcome, detail: e.detail };
}
function toRefundDto(r: PaymentRefund): PaymentRefundDto {
  return { outRefundNo: r.outRefundNo, outTradeNo: r.outTradeNo, status: r.status, amountFen: r.amountFen, reason: r.reason, createdAt: r.createdAt.toISOString(), successAt: r.successAt?.toISOString() ?? null };
}
