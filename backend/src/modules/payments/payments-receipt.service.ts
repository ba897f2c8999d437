import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { QUEUES } from '../jobs/queues.js';
import { MailService } from '../mail/mail.service.js';
import { UsersService } from '../users/users.service.js';
import { VipService } from '../vip/vip.service.js';
import { receiptMail } from './domain/receipt.js';
import { PAYMENT_ORDER_PAID, type PaymentOrderPaidEvent } from './payments.events.js';
import { PaymentsStore } from './payments.store.js';

export const PAYMENTS_RECEIPT_JOB = 'payments.receipt';
export type PaymentsReceiptJob = PaymentOrderPaidEvent;

/**
 * The payment receipt e-mail: an order that became paid (PAYMENT_ORDER_PAID, after the commit)
 * queues one job on the payments queue (job id per order); the job claims the order's
 * `receipt_sent_at` with a conditional update before sending through the mail module (SMTP, or the
 * dev outbox), so a replayed notify, a racing query or a retried job never sends a second one.
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
    @InjectQueue(QUEUES.payments) private readonly queue: Queue,
  ) {}

  @OnEvent(PAYMENT_ORDER_PAID, { async: true, promisify: true, suppressErrors: true })
  async onOrderPaid(event: PaymentOrderPaidEvent): Promise<void> {
    try {
      await this.queue.add(PAYMENTS_RECEIPT_JOB, event satisfies PaymentsReceiptJob, {
        jobId: `receipt-${event.outTradeNo}`,
        attempts: 5,
        backoff: { type: 'exponential', delay: 10_000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
      });
    } catch (e) {
      this.logger.error(`receipt for ${event.outTradeNo} not queued: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** The job: send the receipt unless one was sent already; 'sent' | 'skipped' (no address, or done). */
  async send(job: PaymentsReceiptJob): Promise<'sent' | 'skipped'> {
    const m = this.dataSource.manager;
    const order = await this.store.claimReceipt(m, job.outTradeNo, this.clock.now());
    if (!order) return 'skipped';
    try {
      const user = await this.users.getById(order.userId);
      if (!user.email) return 'skipped';
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
        paidAt: order.paidAt ?? this.clock.now(),
      });
      await this.mail.send({ to: user.email, subject, text });
      return 'sent';
    } catch (e) {
      // Not sent: give the claim back so the job's retry can send it.
      await this.store.releaseReceipt(m, job.outTradeNo);
      throw e;
    }
  }
}
