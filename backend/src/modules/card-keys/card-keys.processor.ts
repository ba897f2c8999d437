import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobsService } from '../jobs/jobs.service.js';
import { QUEUES } from '../jobs/queues.js';
import { RecordedProcessor, type JobHandlers } from '../jobs/recorded-processor.js';
import { CARD_BATCH_JOB, CardBatchesService } from './card-batches.service.js';
import { CARD_CALLBACK_JOB, CardOpenService, type ActivationNotice } from './card-open.service.js';

/** Large batches' key generation (resumable, progress in job_records) and activation callbacks (retried). */
@Processor(QUEUES.cardKeys, { concurrency: 2 })
export class CardKeysProcessor extends RecordedProcessor {
  protected readonly logger = new Logger('CardKeys');

  constructor(
    private readonly batches: CardBatchesService,
    private readonly open: CardOpenService,
    protected readonly jobs: JobsService,
  ) {
    super();
  }

  protected handlers(): JobHandlers {
    return {
      [CARD_CALLBACK_JOB]: (job: Job<{ projectId: string; notice: ActivationNotice }>) => this.open.deliver(job.data.projectId, job.data.notice),
      [CARD_BATCH_JOB]: (job: Job<{ recordId: string; batchId: string }>) => this.batches.runGeneration(job.data.batchId, job.data.recordId),
    };
  }

  /** A batch whose generation failed for good is marked failed too (its record already is). */
  protected override async attemptFailed(job: Job, _message: string, _attempt: number, final: boolean): Promise<void> {
    if (final && job.name === CARD_BATCH_JOB) await this.batches.markFailed((job.data as { batchId: string }).batchId);
  }
}
