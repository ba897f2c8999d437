import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { QUEUES } from '../jobs/queues.js';
import { PAYMENTS_RUNTIME, type PaymentsRuntime } from './payments.runtime.js';
import { PAYMENTS_RECEIPT_JOB, PaymentsReceiptService, type PaymentsReceiptJob } from './payments-receipt.service.js';
import { PaymentsService } from './payments.service.js';

export const PAYMENTS_RECONCILE_JOB = 'payments.reconcile';
export const PAYMENTS_SWEEP_JOB = 'payments.daily-sweep';

@Processor(QUEUES.payments)
export class PaymentsProcessor extends WorkerHost {
  constructor(
    private readonly payments: PaymentsService,
    private readonly receipts: PaymentsReceiptService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === PAYMENTS_RECONCILE_JOB) return this.payments.reconcileDue();
    if (job.name === PAYMENTS_SWEEP_JOB) return this.payments.dailySweep();
    if (job.name === PAYMENTS_RECEIPT_JOB) return this.receipts.send(job.data as PaymentsReceiptJob);
    throw new Error(`unknown job ${job.name}`);
  }
}

/**
 * Schedules only enqueue (one job per period cluster-wide): the reconciliation pass every minute
 * (each order has its own back-off in next_query_at) and the daily sweep at 03:30 Asia/Shanghai.
 */
@Injectable()
export class PaymentsSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Payments');

  constructor(
    @InjectQueue(QUEUES.payments) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PAYMENTS_RUNTIME) private readonly runtime: PaymentsRuntime | null,
  ) {}

  async onApplicationBootstrap() {
    if (this.runtime?.simulator) this.logger.warn('WeChat Pay SIMULATOR is running (dev only): payments are fake');
    if (!this.config.schedulerEnabled || !this.runtime) return;
    await this.queue.upsertJobScheduler('payments-reconcile', { pattern: '* * * * *', tz: 'Asia/Shanghai' }, { name: PAYMENTS_RECONCILE_JOB, opts: { removeOnComplete: 100, removeOnFail: 100 } });
    await this.queue.upsertJobScheduler('payments-sweep', { pattern: '30 3 * * *', tz: 'Asia/Shanghai' }, { name: PAYMENTS_SWEEP_JOB, opts: { removeOnComplete: 30, removeOnFail: 30 } });
  }

  async onModuleDestroy() {
    await this.runtime?.simulator?.close();
  }
}
