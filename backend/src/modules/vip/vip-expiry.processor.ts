import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QUEUES } from '../jobs/queues.js';
import { JobsService } from '../jobs/jobs.service.js';
import { queueSchedules, RecordedProcessor, type JobHandlers } from '../jobs/recorded-processor.js';
import { VipService } from './vip.service.js';

export const VIP_EXPIRY_JOB = 'vip.expiry-sweep';

@Processor(QUEUES.vip)
export class VipExpiryProcessor extends RecordedProcessor {
  protected readonly logger = new Logger('Vip');

  constructor(
    private readonly vip: VipService,
    protected readonly jobs: JobsService,
  ) {
    super();
  }

  protected handlers(): JobHandlers {
    return { [VIP_EXPIRY_JOB]: async () => ({ ended: (await this.vip.sweepExpired()).length }) };
  }
}

/** The expiry sweep, as data. */
export const VipExpirySchedule = queueSchedules(QUEUES.vip, 'Vip', [{ id: 'vip-expiry', job: VIP_EXPIRY_JOB, cron: (c) => c.vipExpiryCron }]);
