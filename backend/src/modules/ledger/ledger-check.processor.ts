import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JobsService } from '../jobs/jobs.service.js';
import { QUEUES } from '../jobs/queues.js';
import { queueSchedules, RecordedProcessor, type JobHandlers } from '../jobs/recorded-processor.js';
import { LedgerReportsService } from './ledger-reports.service.js';

export const LEDGER_CHECK_JOB = 'ledger.invariant-check';

@Processor(QUEUES.ledger)
export class LedgerCheckProcessor extends RecordedProcessor {
  protected readonly logger = new Logger('Ledger');

  constructor(
    private readonly reports: LedgerReportsService,
    protected readonly jobs: JobsService,
  ) {
    super();
  }

  protected handlers(): JobHandlers {
    return { [LEDGER_CHECK_JOB]: () => this.reports.check() };
  }
}

/** The nightly check, as data: the schedule only enqueues; a BullMQ job scheduler fires once cluster-wide. */
export const LedgerCheckSchedule = queueSchedules(QUEUES.ledger, 'Ledger', [{ id: 'ledger-check', job: LEDGER_CHECK_JOB, cron: (c) => c.ledgerCheckCron }]);
