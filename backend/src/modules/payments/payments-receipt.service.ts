import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { uuidFromName } from '../../common/ids.js';
import { withSessionLock } from '../../common/session-lock.js';
import { JobsService } from '../jobs/jobs.service.js';
import { QUEUES } from '../jobs/queues.js';
import { MailService } from '../mail/mail.service.js';
import { UsersService } from '../users/users.service.js';
import { VipService } from '../vip/vip.service.js';
import { receiptMail } from './domain/receipt.js';
import { PAYMENT_ORDER_PAID, type PaymentOrderPaidEvent } from './payments.events.js';
import { paymentMetrics } from './payments.metrics.js';
import { PaymentsStore } from './payments.store.js';

export const PAYMENTS_RECEIPT_JOB = 'payments.receipt';
export type PaymentsReceiptJob = PaymentOrderPaidEvent;
export type ReceiptOutcome = 'sent' | 'already-sent' | 'no-address' | 'not-paid';

/** Tries per receipt (exponential back-off from 5 s: the last one about 10 minutes after the first). */
export const RECEIPT_ATTEMPTS = 8;
/** A receipt record still queued this long after its payment committed was never handed to the queue. */
const RESUBMIT_AFTER_SEC = 120;

/**
 * The payment receipt e-mail, delivered at least once and sent once:
 * 1. `record(m, paid)` writes the job's record (`job_records`, id derived from the order number) in
 *    the same transaction that marks the order paid — the receipt is owed exactly when the payment
 *    commits.
 * 2. After the commit (PAYMENT_ORDER_PAID) the job is queued under that id, so a duplicated event
 *    queues nothing new; the reconciliation pass re-queues records a crash left unqueued.
 * 3. The job (`send`, on the payments queue's recorded processor) sends through the mail module and
 *    sets `receipt_sent_at` only after the mail server accepted the message, under a lock per order:
 *    a failed send is retried with back-off, a retried or duplicated job finds it sent. The final
 *    failure marks the record failed and leaves a `receipt` FAILED event on the order's timeline.
 * Written in the language the member used when ordering, else zh-CN.
 */
@Injectable()
export class PaymentsReceiptService {
  private readonly logger = new Logger('PaymentReceipt');

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: PaymentsStore,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly vip: VipService,
    private readonly mail: MailService,
    private readonly jobs: JobsService,
    @InjectQueue(QUEUES.payments) private readonly queue: Queue,
  ) {}

  /** The receipt job's record id (and BullMQ job id) for an order. */
  static jobId(outTradeNo: string): string {
    return uuidFromName(`${PAYMENTS_RECEIPT_JOB}:${outTradeNo}`);
  }

  /** Inside the transaction that marks the order paid: the receipt is owed once this commits. */
  async record(m: EntityManager, paid: PaymentOrderPaidEvent): Promise<void> {
    await this.jobs.create(PAYMENTS_RECEIPT_JOB, { ...paid }, null, { id: PaymentsReceiptService.jobId(paid.outTradeNo), manager: m });
  }

  @OnEvent(PAYMENT_ORDER_PAID, { async: true, promisify: true, suppressErrors: true })
  async onOrderPaid(event: PaymentOrderPaidEvent): Promise<void> {
    try {
      await this.submit(event);
    } catch (e) {
      // The record stays queued; the reconciliation pass queues it again.
      this.logger.error(`receipt for ${event.outTradeNo} not queued yet: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private submit(paid: PaymentOrderPaidEvent): Promise<void> {
    return this.jobs.submit(this.queue, { id: PaymentsReceiptService.jobId(paid.outTradeNo), kind: PAYMENTS_RECEIPT_JOB, params: { ...paid } }, { attempts: RECEIPT_ATTEMPTS });
  }

  /** Re-queues receipts whose record committed but never reached the queue (the job id dedupes). */
  async resubmitStale(olderThanSec = RESUBMIT_AFTER_SEC): Promise<number> {
    const stale = await this.jobs.queuedOlderThan(PAYMENTS_RECEIPT_JOB, olderThanSec);
    for (const r of stale) await this.submit(r.params as unknown as PaymentOrderPaidEvent);
    if (stale.length > 0) this.logger.warn(`re-queued ${stale.length} receipt job(s) left unqueued`);
    return stale.length;
  }

  /** The job: sends the receipt unless it was sent already (or there is no address to send it to). */
  async send(job: PaymentsReceiptJob, recordId: string | null = null): Promise<ReceiptOutcome> {
    if (recordId) await this.jobs.start(recordId, 1);
    const outcome = await withSessionLock(this.dataSource, `${PAYMENTS_RECEIPT_JOB}:${job.outTradeNo}`, () => this.sendOnce(job));
    paymentMetrics.receipts.inc({ outcome });
    if (recordId) await this.jobs.finish(recordId, { outcome });
    return outcome;
  }

  private async sendOnce(job: PaymentsReceiptJob): Promise<ReceiptOutcome> {
    const m = this.dataSource.manager;
    const order = await this.store.findOrder(m, job.outTradeNo);
    if (!order?.paidAt) return 'not-paid';
    if (order.receiptSentAt) return 'already-sent';
    const user = await this.users.getById(order.userId);
    if (!user.email) {
      await this.store.addEvent(m, { outTradeNo: order.outTradeNo, kind: 'receipt', at: this.clock.now(), outcome: 'NO_ADDRESS', detail: null });
      return 'no-address';
    }
    const lang = order.lang === 'en' ? 'en' : 'zh-CN';
    const level = (await this.vip.listLevels()).find((l) => l.level === order.level);
    const levelName = (lang === 'en' ? level?.nameEn || level?.name : level?.name) ?? `VIP${order.level}`;
    const { subject, text } = receiptMail({
      lang,
      username: user.username,
      outTradeNo: order.outTradeNo,
      levelName,
      months: order.months,
      amountFen: order.amountFen,
      expiresAt: new Date(job.expiresAt),
      paidAt: order.paidAt,
    });
    await this.mail.send({ to: user.email, subject, text });
    const now = this.clock.now();
    await this.dataSource.transaction(async (tx) => {
      await this.store.markReceiptSent(tx, order.outTradeNo, now);
      await this.store.addEvent(tx, { outTradeNo: order.outTradeNo, kind: 'receipt', at: now, outcome: 'SENT', detail: null });
    });
    return 'sent';
  }

  /** A failed attempt of the job: counted; the last one leaves a FAILED event on the order's timeline. */
  async attemptFailed(job: PaymentsReceiptJob, message: string, attempt: number, final: boolean): Promise<void> {
    paymentMetrics.receipts.inc({ outcome: final ? 'failed' : 'retry' });
    if (!final) return;
    await this.store.addEvent(this.dataSource.manager, { outTradeNo: job.outTradeNo, kind: 'receipt', at: this.clock.now(), outcome: 'FAILED', detail: { attempts: attempt, error: message.slice(0, 500) } });
  }
}
