import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../common/auth.decorators.js';
import { Clock } from '../../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../../config/config.js';
import { QUEUES } from '../../jobs/queues.js';
import { DuplicateJobError, JobsService } from '../../jobs/jobs.service.js';
import { DataSourcesService } from '../data-sources/data-sources.service.js';
import type { StockBasic } from '../domain/market-types.js';
import { chinaDateOf } from '../domain/trade-dates.js';
import { MarketDataUnavailableError } from '../manager/data-source-errors.js';
import { uuidFromName } from '../../../common/ids.js';
import { MarketDataStore } from '../market-data.store.js';

export const STOCK_LIST_JOB = 'market-data.stock-list';
/** A lookup for unknown pool codes re-reads the whole list at most this often (Tushare meters stock_basic). */
const LOOKUP_COOLDOWN_MS = 60_000;

export interface StockListSyncResult {
  source: string;
  stocks: number;
}

/**
 * The stock list (basics into the shared `stocks` table) from the data sources, apart from a bar
 * sync: on first start of a real install, on demand (`POST /admin/market-data/stock-list-syncs`),
 * after leaving demo mode, and — in the same request — when a pool is created or previewed with
 * codes the local list does not have yet, so a pool can be created the minute the instance is up.
 */
@Injectable()
export class StockListService implements OnApplicationBootstrap {
  private readonly logger = new Logger('MarketSync');
  private lastLookupAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<StockListSyncResult | null> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MarketDataStore,
    private readonly sources: DataSourcesService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.marketData) private readonly queue: Queue,
  ) {}

  /** First start of a real install (an instance that runs schedules): the list syncs at once, once per day cluster-wide. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.schedulerEnabled) return;
    await this.syncOnStart().catch((e: unknown) => this.logger.error(`stock list on start: ${e instanceof Error ? e.message : String(e)}`));
  }

  /** Enqueues a stock-list sync when a real source is enabled; null when there is none. */
  async syncOnStart(): Promise<{ id: string } | null> {
    await this.sources.refreshFromStore();
    if (!this.sources.hasRealSource()) return null;
    const id = uuidFromName(`market-data.stock-list:start:${chinaDateOf(this.clock.now())}`);
    try {
      await this.jobs.enqueue(this.queue, STOCK_LIST_JOB, { trigger: 'start' }, null, { id });
    } catch (e) {
      if (!(e instanceof DuplicateJobError)) throw e;
    }
    return { id };
  }

  /** POST /admin/market-data/stock-list-syncs */
  /**
   * Inserts the basics of codes the store does not know yet; known rows are left as the sync stored
   * them (the demo pool seeder: real codes and names, the sync stays the owner of the rows).
   */
  async ensureBasics(basics: readonly StockBasic[]): Promise<void> {
    await this.store.upsertStockBasics(this.dataSource.manager, basics, false, true);
  }

  async start(operator: AuthUser | null): Promise<{ id: string; status: string }> {
    const record = await this.jobs.enqueue(this.queue, STOCK_LIST_JOB, { trigger: operator ? 'admin' : 'system' }, operator?.id ?? null);
    return { id: record.id, status: record.status };
  }

  /** The job handler. */
  async run(jobId: string): Promise<StockListSyncResult> {
    await this.jobs.start(jobId, 1);
    const result = await this.fetchAndStore();
    await this.jobs.advance(jobId, { processed: 1 });
    await this.jobs.finish(jobId, { ...result });
    return result;
  }

  /**
   * Codes the local list does not have are looked up at the data source (the whole list is read and
   * stored, at most once a minute). Never throws for an unavailable source: the caller then refuses
   * the codes as unknown, as before.
   */
  async lookup(unknownCodes: readonly string[]): Promise<void> {
    if (unknownCodes.length === 0) return;
    if (this.clock.now().getTime() - this.lastLookupAt < LOOKUP_COOLDOWN_MS) return;
    this.inflight ??= (async () => {
      try {
        await this.sources.refreshFromStore();
        // Only a real source's list: the demo universe is seeded with the demo data already.
        if (!this.sources.hasRealSource() || !this.sources.manager.canServe('stockBasics')) return null;
        return await this.fetchAndStore();
      } catch (e) {
        if (!(e instanceof MarketDataUnavailableError)) throw e;
        this.logger.warn(`stock list lookup: ${e.message}`);
        return null;
      } finally {
        this.lastLookupAt = this.clock.now().getTime();
      }
    })().finally(() => {
      this.inflight = null;
    });
    await this.inflight;
  }

  private async fetchAndStore(): Promise<StockListSyncResult> {
    await this.sources.refreshFromStore();
    const basics = await this.sources.manager.call('stockBasics', {});
    // A source without list dates (AKShare) reports less than we may know: never overwrite with it.
    const partial = basics.data.length > 0 && basics.data.every((b) => b.listDate === null);
    const stocks = await this.store.upsertStockBasics(this.dataSource.manager, basics.data, partial);
    this.logger.log(`stock list: ${stocks} stocks from ${basics.source}`);
    return { source: basics.source, stocks };
  }
}
