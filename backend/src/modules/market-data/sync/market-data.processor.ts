import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { Clock } from '../../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../../config/config.js';
import { QUEUES } from '../../../jobs/queues.js';
import { DuplicateJobError, JobsService } from '../../jobs/jobs.service.js';
import { DataSourcesService } from '../data-sources/data-sources.service.js';
import { addDays, chinaDateOf } from '../domain/trade-dates.js';
import { uuidFromName } from '../domain/job-ids.js';
import { STOCK_LIST_JOB, StockListService } from '../stock-list/stock-list.service.js';
import { MARKET_BACKFILL_JOB, MARKET_SYNC_JOB, MarketSyncService } from './market-sync.service.js';

export { uuidFromName };

export const MARKET_DAILY_JOB = 'market-data.daily';
export const MARKET_HEALTH_JOB = 'market-data.health-check';
/** The daily sync looks this many calendar days back, so a missed day or a late factor is picked up. */
export const DAILY_LOOKBACK_DAYS = 7;
const HEALTH_CHECK_CRON = '*/5 * * * *';

/**
 * The `market-data` queue's worker: syncs, the daily trigger and health checks. Concurrency 2 so a
 * health check is not stuck behind a long sync; syncs serialise on an advisory lock.
 */
@Processor(QUEUES.marketData, { concurrency: 2 })
export class MarketDataProcessor extends WorkerHost {
  private readonly logger = new Logger('MarketSync');

  constructor(
    private readonly sync: MarketSyncService,
    private readonly stockList: StockListService,
    private readonly sources: DataSourcesService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
    @InjectQueue(QUEUES.marketData) private readonly queue: Queue,
  ) {
    super();
  }

  async process(job: Job<{ recordId?: string; from?: string; to?: string }>): Promise<unknown> {
    switch (job.name) {
      case MARKET_SYNC_JOB:
        return this.runSync(job);
      case MARKET_BACKFILL_JOB:
        return this.runBackfill(job as Job<{ recordId?: string; codes?: string[]; from?: string; to?: string }>);
      case STOCK_LIST_JOB:
        return this.runStockList(job);
      case MARKET_DAILY_JOB:
        return this.enqueueDaily();
      case MARKET_HEALTH_JOB:
        await this.sources.refreshFromStore();
        await this.sources.checkEnabled();
        return { checked: true };
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  }

  private async runSync(job: Job<{ recordId?: string; from?: string; to?: string }>) {
    const { recordId, from, to } = job.data;
    if (!recordId || !from || !to) throw new Error('sync job without recordId/from/to');
    try {
      const result = await this.sync.run(recordId, { from, to });
      return { callsBySource: result.callsBySource };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`sync ${recordId} (${from}..${to}) failed on attempt ${job.attemptsMade + 1}: ${message}`);
      // The record shows the failure once BullMQ gives up; earlier attempts resume where this one stopped.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.jobs.fail(recordId, message);
      throw error;
    }
  }

  private async runBackfill(job: Job<{ recordId?: string; codes?: string[]; from?: string; to?: string }>) {
    const { recordId, codes, from, to } = job.data;
    if (!recordId || !codes || !from || !to) throw new Error('backfill job without recordId/codes/from/to');
    try {
      const result = await this.sync.backfill(recordId, { codes, from, to });
      return { callsBySource: result.callsBySource, barsWritten: result.barsWritten };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`backfill ${recordId} failed on attempt ${job.attemptsMade + 1}: ${message}`);
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.jobs.fail(recordId, message);
      throw error;
    }
  }

  private async runStockList(job: Job<{ recordId?: string }>) {
    const { recordId } = job.data;
    if (!recordId) throw new Error('stock-list job without recordId');
    try {
      return await this.stockList.run(recordId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`stock list ${recordId} failed on attempt ${job.attemptsMade + 1}: ${message}`);
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.jobs.fail(recordId, message);
      throw error;
    }
  }

  /** Enqueues the sync of the last few days, with one job id per China date: N instances enqueue it once. */
  private async enqueueDaily(): Promise<{ id: string; enqueued: boolean }> {
    const today = chinaDateOf(this.clock.now());
    const id = uuidFromName(`market-data.daily:${today}`);
    try {
      await this.jobs.enqueue(this.queue, MARKET_SYNC_JOB, { from: addDays(today, -DAILY_LOOKBACK_DAYS), to: today, trigger: 'schedule' }, null, { id });
    } catch (e) {
      if (e instanceof DuplicateJobError) return { id, enqueued: false };
      throw e;
    }
    return { id, enqueued: true };
  }
}

/** The schedules only enqueue; BullMQ job schedulers fire once cluster-wide per period. */
@Injectable()
export class MarketDataSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('MarketSync');

  constructor(
    @InjectQueue(QUEUES.marketData) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
    if (!this.config.schedulerEnabled) return;
    const opts = { removeOnComplete: 100, removeOnFail: 100 };
    await this.queue.upsertJobScheduler('market-data-daily', { pattern: this.config.marketSyncCron, tz: 'Asia/Shanghai' }, { name: MARKET_DAILY_JOB, opts });
    await this.queue.upsertJobScheduler('market-data-health', { pattern: HEALTH_CHECK_CRON, tz: 'Asia/Shanghai' }, { name: MARKET_HEALTH_JOB, opts });
    this.logger.log(`daily sync scheduled (${this.config.marketSyncCron} Asia/Shanghai), health checks every 5 min`);
  }
}
