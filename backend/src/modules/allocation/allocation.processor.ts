import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUES } from '../../jobs/queues.js';
import { JobsService } from '../jobs/jobs.service.js';
import { LEVEL_REALLOCATION_JOB, LevelReallocationService, type LevelReallocationResult } from './level-reallocation.service.js';
import { POOL_ACTIVATION_JOB, PoolActivationService, type ReallocationResult } from './pool-activation.service.js';

interface ActivationJobData {
  recordId: string;
  poolId: string;
  previousPoolId: string | null;
}

interface LevelJobData {
  recordId: string;
  level: number;
}

/**
 * Runs the allocation module's bulk jobs (pool activations, a level's quota change) one at a time
 * per instance; retries are safe (the work is resumable / converging). Across instances the jobs'
 * chunks serialise on the bulk advisory lock.
 */
@Processor(QUEUES.allocation, { concurrency: 1 })
export class AllocationProcessor extends WorkerHost {
  private readonly logger = new Logger('Allocation');

  constructor(
    private readonly activation: PoolActivationService,
    private readonly levels: LevelReallocationService,
    private readonly jobs: JobsService,
  ) {
    super();
  }

  async process(job: Job<ActivationJobData | LevelJobData>): Promise<ReallocationResult | LevelReallocationResult> {
    const run = this.handler(job);
    if (!run) throw new Error(`unknown job ${job.name}`);
    try {
      return await run();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.error(`${job.name} ${job.data.recordId} failed (attempt ${job.attemptsMade + 1}${final ? ', final' : ', will retry'}): ${message}`);
      if (final) await this.jobs.fail(job.data.recordId, message);
      throw e;
    }
  }

  private handler(job: Job<ActivationJobData | LevelJobData>): (() => Promise<ReallocationResult | LevelReallocationResult>) | null {
    if (job.name === POOL_ACTIVATION_JOB) {
      const data = job.data as ActivationJobData;
      return () => this.activation.reallocate(data.poolId, { jobId: data.recordId });
    }
    if (job.name === LEVEL_REALLOCATION_JOB) {
      const data = job.data as LevelJobData;
      return () => this.levels.reallocate(data.level, { jobId: data.recordId });
    }
    return null;
  }
}
