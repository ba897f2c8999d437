import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { QUEUES } from '../../jobs/queues.js';
import { VipService } from './vip.service.js';

export const VIP_EXPIRY_JOB = 'vip.expiry-sweep';

@Processor(QUEUES.vip)
export class VipExpiryProcessor extends WorkerHost {
  constructor(private readonly vip: VipService) {
    super();
  }

  async process(job: Job): Promise<{ ended: number }> {
    if (job.name !== VIP_EXPIRY_JOB) throw new Error(`unknown job ${job.name}`);
    return { ended: (await this.vip.sweepExpired()).length };
  }
}

/** The schedule only enqueues; a BullMQ job scheduler fires once cluster-wide per period. */
@Injectable()
export class VipExpirySchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Vip');

  constructor(
    @InjectQueue(QUEUES.vip) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
    if (!this.config.schedulerEnabled) return;
    await this.queue.upsertJobScheduler('vip-expiry', { pattern: this.config.vipExpiryCron, tz: 'Asia/Shanghai' }, { name: VIP_EXPIRY_JOB, opts: { removeOnComplete: 100, removeOnFail: 100 } });
    this.logger.log(`expiry sweep scheduled (${this.config.vipExpiryCron} Asia/Shanghai)`);
  }
}
