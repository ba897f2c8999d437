import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUES } from '../jobs/queues.js';
import { JobsService } from '../jobs/jobs.service.js';
import { CARD_BATCH_JOB, CardBatchesService } from './card-batches.service.js';
import { CARD_CALLBACK_JOB, CardOpenService, type ActivationNotice } from './card-open.service.js';

/** Large batches' key generation (resumable, progress in job_records) and activation callbacks (retried). */
@Processor(QUEUES.cardKeys, { concurrency: 2 })
export class CardKeysProcessor extends WorkerHost {
  private readonly logger = new Logger('CardKeys');

  constructor(
    private readonly batches: CardBatchesService,
    private readonly open: CardOpenService,
    private readonly jobs: JobsService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === CARD_CALLBACK_JOB) {
      const data = job.data as { projectId: string; notice: ActivationNotice };
      return this.open.deliver(data.projectId, data.notice);
    }
    if (job.name !== CARD_BATCH_JOB) throw new Error(`unknown job ${job.name}`);
    const data = job.data as { recordId: string; batchId: string };
    try {
      return await this.batches.runGeneration(data.batchId, data.recordId);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.error(`card batch ${data.batchId} generation failed (attempt ${job.attemptsMade + 1}${final ? ', final' : ''}): ${message}`);
      if (final) {
        await this.jobs.fail(data.recordId, message);
        await this.batches.markFailed(data.batchId);
      }
      throw e;
    }
  }
}
