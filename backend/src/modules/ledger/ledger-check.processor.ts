import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { LedgerCheckDto } from '@zhice/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { QUEUES } from '../jobs/queues.js';
import { LedgerReportsService } from './ledger-reports.service.js';

export const LEDGER_CHECK_JOB = 'ledger.invariant-check';

@Processor(QUEUES.ledger)
export class LedgerCheckProcessor extends WorkerHost {
  constructor(private readonly reports: LedgerReportsService) {
    super();
  }

  async process(job: Job): Promise<LedgerCheckDto> {
    if (job.name !== LEDGER_CHECK_JOB) throw new Error(`unknown job ${job.name}`);
    return this.reports.check();
  }
}

/** The nightly check: the schedule only enqueues; a BullMQ job scheduler fires once cluster-wide. */
@Injectable()
export class LedgerCheckSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Ledger');

  constructor(
    @InjectQueue(QUEUES.ledger) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
    if (!this.config.schedulerEnabled) return;
    await this.queue.upsertJobScheduler('ledger-check', { pattern: this.config.ledgerCheckCron, tz: 'Asia/Shanghai' }, { name: LEDGER_CHECK_JOB, opts: { removeOnComplete: 100, removeOnFail: 100 } });
    this.logger.log(`invariant check scheduled (${this.config.ledgerCheckCron} Asia/Shanghai)`);
  }
}
