import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { JobsService } from '../jobs/jobs.service.js';
import { QUEUES } from '../jobs/queues.js';
import { RecordedProcessor, type JobHandlers } from '../jobs/recorded-processor.js';
import { PAYMENTS_RUNTIME, type PaymentsRuntime } from './payments.runtime.js';
import { PAYMENTS_RECEIPT_JOB, PaymentsReceiptService, type PaymentsReceiptJob } from './payments-receipt.service.js';
import { PaymentsService } from './payments.service.js';

export const PAYMENTS_RECONCILE_JOB = 'payments.reconcile';
export const PAYMENTS_SWEEP_JOB = 'payments.daily-sweep';

/** Reconciliation (each pass also re-queues receipts a crash left unqueued), the daily sweep, receipts (recorded). */
@Processor(QUEUES.payments)
export class PaymentsProcessor extends RecordedProcessor {
  protected readonly logger = new Logger('Payments');

  constructor(
    private readonly payments: PaymentsService,
    private readonly receipts: PaymentsReceiptService,
    protected readonly jobs: JobsService,
  ) {
    super();
  }

  protected handlers(): JobHandlers {
    return {
      [PAYMENTS_RECONCILE_JOB]: async () => ({ ...(await this.payments.reconcileDue()), receiptsRequeued: await this.receipts.resubmitStale() }),
      [PAYMENTS_SWEEP_JOB]: () => this.payments.dailySweep(),
      [PAYMENTS_RECEIPT_JOB]: (job: Job<PaymentsReceiptJob & { recordId: string }>) => this.receipts.send(job.data, job.data.recordId),
    };
  }

  protected override async attemptFailed(job: Job, message: string, attempt: number, final: boolean): Promise<void> {
    if (job.name === PAYMENTS_RECEIPT_JOB) await this.receipts.attemptFailed(job.data as PaymentsReceiptJob, message, attempt, final);
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
