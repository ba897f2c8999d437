import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUES } from '../jobs/queues.js';
import { JobsService } from '../jobs/jobs.service.js';
import { RecordedProcessor, type JobHandlers } from '../jobs/recorded-processor.js';
import { LEVEL_QUOTA_JOB } from '../vip/vip.events.js';
import { LevelReallocationService } from './level-reallocation.service.js';
import { POOL_ACTIVATION_JOB, PoolActivationService } from './pool-activation.service.js';

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
export class AllocationProcessor extends RecordedProcessor {
  protected readonly logger = new Logger('Allocation');

  constructor(
    private readonly activation: PoolActivationService,
    private readonly levels: LevelReallocationService,
    protected readonly jobs: JobsService,
  ) {
    super();
  }

  protected handlers(): JobHandlers {
    return {
      [POOL_ACTIVATION_JOB]: (job: Job<ActivationJobData>) => this.activation.reallocate(job.data.poolId, { jobId: job.data.recordId }),
      [LEVEL_QUOTA_JOB]: (job: Job<LevelJobData>) => this.levels.reallocate(job.data.level, { jobId: job.data.recordId }),
    };
  }
}
