import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { uuidFromName } from '../../../common/ids.js';
import { APP_CONFIG, type AppConfig } from '../../../config/config.js';
import { QUEUES } from '../../../jobs/queues.js';
import { DuplicateJobError, JobsService } from '../../jobs/jobs.service.js';
import { MarketDataService } from '../../market-data/market-data.service.js';
import { SIGNAL_DAILY_JOB, SIGNAL_RUN_JOB, SignalRunService } from './signal-run.service.js';

interface RunJobData {
  recordId?: string;
  tradeDate?: string;
}

/** The `signals` queue's worker: runs (one at a time per instance) and the daily trigger. */
@Processor(QUEUES.signals, { concurrency: 1 })
export class SignalsProcessor extends WorkerHost {
  private readonly logger = new Logger('Signals');

  constructor(
    private readonly runs: SignalRunService,
    private readonly jobs: JobsService,
    private readonly market: MarketDataService,
  ) {
    super();
  }

  async process(job: Job<RunJobData>): Promise<unknown> {
    switch (job.name) {
      case SIGNAL_RUN_JOB:
        return this.run(job);
      case SIGNAL_DAILY_JOB:
        return this.enqueueDaily();
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }

  private async run(job: Job<RunJobData>) {
    const { recordId, tradeDate } = job.data;
    if (!recordId || !tradeDate) throw new Error('signals.run job without recordId/tradeDate');
    try {
      return await this.runs.runDay(recordId, tradeDate);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.error(`signal run ${recordId} (${tradeDate}) failed (attempt ${job.attemptsMade + 1}${final ? ', final' : ', will retry'}): ${message}`);
      // Earlier attempts resume where the failed one stopped; the record shows the failure once BullMQ gives up.
      if (final) await this.jobs.fail(recordId, message);
      throw e;
    }
  }

  /** The daily trigger: a run for the latest stored trading day, with one job id per date (N instances enqueue it once). */
  private async enqueueDaily(): Promise<{ id: string | null; enqueued: boolean }> {
    const date = await this.market.latestTradeDate();
    if (!date) return { id: null, enqueued: false };
    const id = signalRunIdFor(date);
    try {
      await this.runs.start(date, null, { id });
    } catch (e) {
      if (e instanceof DuplicateJobError) return { id, enqueued: false };
      throw e;
    }
    return { id, enqueued: true };
  }
}

/** The schedule only enqueues; a BullMQ job scheduler fires once cluster-wide per period. */
@Injectable()
export class SignalsSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Signals');

  constructor(
    @InjectQueue(QUEUES.signals) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
    if (!this.config.schedulerEnabled) return;
    await this.queue.upsertJobScheduler('signals-daily', { pattern: this.config.signalRunCron, tz: 'Asia/Shanghai' }, { name: SIGNAL_DAILY_JOB, opts: { removeOnComplete: 100, removeOnFail: 100 } });
    this.logger.log(`daily signal run scheduled (${this.config.signalRunCron} Asia/Shanghai)`);
  }
}

/** The scheduled run's record id for a trade date: a stable UUID (v5 layout over SHA-256). */
export function signalRunIdFor(tradeDate: string): string {
  return uuidFromName(`signals.daily:${tradeDate}`);
}
