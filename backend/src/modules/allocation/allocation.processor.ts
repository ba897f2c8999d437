import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUES } from '../../jobs/queues.js';
import { JobsService } from '../jobs/jobs.service.js';
import { POOL_ACTIVATION_JOB, PoolActivationService, type ReallocationResult } from './pool-activation.service.js';

interface ActivationJobData {
  recordId: string;
  poolId: string;
  previousPoolId: string | null;
}

/** Runs pool activations one at a time per instance; retries are safe (the work is resumable). */
@Processor(QUEUES.allocation, { concurrency: 1 })
export class AllocationProcessor extends WorkerHost {
  private readonly logger = new Logger('Allocation');

  constructor(
    private readonly activation: PoolActivationService,
    private readonly jobs: JobsService,
  ) {
    super();
  }

  async process(job: Job<ActivationJobData>): Promise<ReallocationResult> {
    if (job.name !== POOL_ACTIVATION_JOB) throw new Error(`unknown job ${job.name}`);
    try {
      return await this.activation.reallocate(job.data.poolId, { jobId: job.data.recordId });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.error(`pool activation ${job.data.recordId} failed (attempt ${job.attemptsMade + 1}${final ? ', final' : ', will retry'}): ${message}`);
      if (final) await this.jobs.fail(job.data.recordId, message);
      throw e;
    }
  }
}
