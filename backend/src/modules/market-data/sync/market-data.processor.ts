import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { Clock } from '../../../common/clock.js';
import { uuidFromName } from '../../../common/ids.js';

export { uuidFromName };
import { QUEUES } from '../../jobs/queues.js';
import { DuplicateJobError, JobsService } from '../../jobs/jobs.service.js';
import { queueSchedules, RecordedProcessor, type JobHandlers } from '../../jobs/recorded-processor.js';
import { DataSourcesService } from '../data-sources/data-sources.service.js';
import { addDays, chinaDateOf } from '../domain/trade-dates.js';
import { STOCK_LIST_JOB, StockListService } from '../stock-list/stock-list.service.js';
import { MARKET_BACKFILL_JOB, MARKET_SYNC_JOB, MarketSyncService } from './market-sync.service.js';

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
export class MarketDataProcessor extends RecordedProcessor {
  protected readonly logger = new Logger('MarketSync');

  constructor(
    private readonly sync: MarketSyncService,
    private readonly stockList: StockListService,
    private readonly sources: DataSourcesService,
    protected readonly jobs: JobsService,
    private readonly clock: Clock,
    @InjectQueue(QUEUES.marketData) private readonly queue: Queue,
  ) {
    super();
  }

  protected handlers(): JobHandlers {
    return {
      [MARKET_SYNC_JOB]: (job) => this.runSync(job),
      [MARKET_BACKFILL_JOB]: (job) => this.runBackfill(job),
      [STOCK_LIST_JOB]: (job) => this.runStockList(job),
      [MARKET_DAILY_JOB]: () => this.enqueueDaily(),
      [MARKET_HEALTH_JOB]: async () => {
        await this.sources.refreshFromStore();
        await this.sources.checkEnabled();
        return { checked: true };
      },
    };
  }

  private async runSync(job: Job<{ recordId?: string; from?: string; to?: string }>) {
    const { recordId, from, to } = job.data;
    if (!recordId || !from || !to) throw new Error('sync job without recordId/from/to');
    const result = await this.sync.run(recordId, { from, to });
    return { callsBySource: result.callsBySource };
  }

  private async runBackfill(job: Job<{ recordId?: string; codes?: string[]; from?: string; to?: string }>) {
    const { recordId, codes, from, to } = job.data;
    if (!recordId || !codes || !from || !to) throw new Error('backfill job without recordId/codes/from/to');
    const result = await this.sync.backfill(recordId, { codes, from, to });
    return { callsBySource: result.callsBySource, barsWritten: result.barsWritten };
  }

  private async runStockList(job: Job<{ recordId?: string }>) {
    const { recordId } = job.data;
    if (!recordId) throw new Error('stock-list job without recordId');
    return this.stockList.run(recordId);
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

/** The daily sync and the health checks, as data. */
export const MarketDataSchedule = queueSchedules(QUEUES.marketData, 'MarketSync', [
  { id: 'market-data-daily', job: MARKET_DAILY_JOB, cron: (c) => c.marketSyncCron },
  { id: 'market-data-health', job: MARKET_HEALTH_JOB, cron: () => HEALTH_CHECK_CRON },
]);
