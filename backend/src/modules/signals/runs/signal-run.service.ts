import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Paged, SignalRunDto } from '@zhice/shared';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../../common/app-exception.js';
import type { AuthUser } from '../../../common/auth.decorators.js';
import { Clock } from '../../../common/clock.js';
import { withSessionLock } from '../../../common/session-lock.js';
import { paged } from '../../../common/pagination.js';
import { QUEUES } from '../../jobs/queues.js';
import { StocksInUseReader } from '../../allocation/stocks-in-use.reader.js';
import type { JobRecord } from '../../jobs/entities/job-record.entity.js';
import { JobsService, type ListJobRecordsQueryDto } from '../../jobs/jobs.service.js';
import { DataSourcesService } from '../../market-data/data-sources/data-sources.service.js';
import { MarketDataService } from '../../market-data/market-data.service.js';
import { ChainService } from '../chain/chain.service.js';
import { lookbackCalendarDays } from '../config/lookback.js';
import { StrategyConfigService, type ActiveStrategy } from '../config/strategy-config.service.js';
import { ForwardReturnsService } from '../evaluation/forward-returns.service.js';
import type { BarColumns } from '../indicators/bars.js';
import { evaluateAll, resolveAllParams } from '../strategies/registry.js';
import type { StrategyId, StrategyParams } from '../strategies/types.js';
import { addDays, isIsoDate } from './dates.js';
import { badBar, toStoredSignal, type StoredSignal } from './signal-rows.js';
import { SignalsStore, type RunSetEntry, type SignalTarget } from '../signals.store.js';

export const SIGNAL_RUN_JOB = 'signals.run';
export const SIGNAL_DAILY_JOB = 'signals.daily';

export interface RunDayOptions {
  /** Stocks per write and progress step (default 500). */
  batchSize?: number;
  /** Compute these strategies instead of the ones in use (the benchmark computes all). */
  strategyIds?: readonly StrategyId[];
  /** Fill forward returns after publishing (default true; the demo seeder fills once at the end). */
  fillForward?: boolean;
  /** Tests: throw (like a crash) once this many stocks were computed and written in this attempt. */
  failAfter?: number;
  /**
   * false: compute and write only, leaving the day unpublished (the demo seeder computes days in
   * parallel, then publishes them in date order by running each again — a resume with nothing left).
   */
  publish?: boolean;
}

export interface RunDayResult {
  tradeDate: string;
  strategies: Record<string, number>;
  total: number;
  processed: number;
  failed: number;
  /** Stocks without a bar on the day (suspended, not yet listed, no data). */
  skipped: number;
  /** Rows made visible by this run (0 for an identical re-run). */
  published: number;
  /** The day was appended to the chain by this run. */
  chained: boolean;
  /** `{ strategyId: newVersion }` created because a published day's rows would have changed. */
  revisions: Record<string, number>;
  forwardReturnsFilled: number;
  /** Milliseconds: the whole run and its parts (read = streaming bars and everything not listed). */
  timings: { total: number; compute: number; write: number; publish: number; forward: number };
}

/**
 * Signal runs. A run for day T computes every strategy in use (mapped from enabled VIP levels) at
 * its active version for every stock of the active pool and every held stock, from forward-adjusted
 * bars in [T − lookback, T] (nothing after T is read), writes the rows in batches (resumable: a
 * restarted run skips stocks already written), then publishes the day in one transaction and
 * appends it to the hash chain; finally forward returns of earlier days are filled in.
 */
@Injectable()
export class SignalRunService {
  private readonly logger = new Logger('Signals');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly market: MarketDataService,
    private readonly config: StrategyConfigService,
    private readonly store: SignalsStore,
    private readonly chain: ChainService,
    private readonly forward: ForwardReturnsService,
    private readonly stocksInUse: StocksInUseReader,
    private readonly sources: DataSourcesService,
    @InjectQueue(QUEUES.signals) private readonly queue: Queue,
  ) {}

  /** POST /admin/signals/runs */
  async start(tradeDate: string | undefined, operator: AuthUser | null, opts: { id?: string } = {}): Promise<{ id: string; status: string }> {
    const date = tradeDate ?? (await this.market.latestTradeDate());
    if (!date) throw AppException.badRequest('MARKET_DATA_UNAVAILABLE', 'No trading day is stored yet; sync market data first');
    if (!isIsoDate(date) || !(await this.store.hasBarsOn(this.dataSource.manager, date))) {
      throw AppException.badRequest('VALIDATION_FAILED', `${date} is not a stored trading day`, [{ field: 'tradeDate', errors: ['must be a stored trading day'] }]);
    }
    const record = await this.jobs.enqueue(this.queue, SIGNAL_RUN_JOB, { tradeDate: date }, operator?.id ?? null, opts.id ? { id: opts.id } : {});
    return { id: record.id, status: record.status };
  }

  async list(q: ListJobRecordsQueryDto): Promise<Paged<SignalRunDto>> {
    const { rows, total } = await this.jobs.records(SIGNAL_RUN_JOB, q);
    return paged(rows.map(toRunDto), total, q);
  }

  async get(id: string): Promise<SignalRunDto> {
    const row = await this.jobs.findOfKind(id, SIGNAL_RUN_JOB);
    if (!row) throw AppException.notFound('SIGNAL_RUN_NOT_FOUND', 'Signal run not found');
    return { ...toRunDto(row), failures: await this.store.failures(this.dataSource.manager, id) };
  }

  /**
   * The job handler (also called in-process by the demo seeder and tests). `recordId` null runs
   * without a job record.
   */
  async runDay(recordId: string | null, tradeDate: string, opts: RunDayOptions = {}): Promise<RunDayResult> {
    if (!isIsoDate(tradeDate) || !(await this.store.hasBarsOn(this.dataSource.manager, tradeDate))) throw new Error(`${tradeDate} is not a stored trading day`);
    // One run per day at a time, cluster-wide: a second run for the day waits, then finds it published.
    return withSessionLock(this.dataSource, `signals:run:${tradeDate}`, () => this.runLocked(recordId, tradeDate, opts));
  }

  private async runLocked(recordId: string | null, tradeDate: string, opts: RunDayOptions): Promise<RunDayResult> {
    const started = performance.now();
    const timings = { total: 0, compute: 0, write: 0, publish: 0, forward: 0 };
    const batchSize = Math.max(1, opts.batchSize ?? 500);
    const active = await this.config.activeVersions();
    const ids = opts.strategyIds ?? (await this.config.strategiesInUse());
    const set: ActiveStrategy[] = ids.map((id) => active.get(id)!);
    const entries: RunSetEntry[] = set.map((s) => ({ strategyId: s.id, version: s.version }));
    const stored: Partial<Record<StrategyId, StrategyParams>> = {};
    for (const s of set) stored[s.id] = s.params;
    const resolved = resolveAllParams(stored); // validated once, reused for every stock
    const from = addDays(tradeDate, -lookbackCalendarDays(stored));

    const dm = this.dataSource.manager;
    await this.store.ensureDay(dm, tradeDate, recordId);
    const target: SignalTarget = (await this.store.dayStatus(dm, tradeDate)) === 'published' ? 'signal_staging' : 'signals';
    if (target === 'signals') await this.store.dropForeignStagedRows(dm, tradeDate, entries);

    const universe = await this.stocksInUse.codes(); // the active pool's stocks and every held one
    // On a real install (a real source enabled) a stock whose window still holds synthetic demo
    // bars gets no signal: synthetic signals never enter the published chain or the stats.
    await this.sources.refreshFromStore();
    const realInstall = this.sources.hasRealSource();
    const done = await this.store.completedStocks(dm, target, tradeDate, entries);
    const todo = universe.filter((c) => !done.has(c));
    if (recordId) {
      await this.jobs.start(recordId, universe.length);
      await this.jobs.setCounters(recordId, { processed: universe.length - todo.length, failed: 0 });
      await this.jobs.mergeResult(recordId, { tradeDate, strategies: Object.fromEntries(entries.map((e) => [e.strategyId, e.version])) });
      await this.store.clearFailures(dm, recordId);
    }

    // A first publication written entirely by this attempt hashes these instead of reading them back.
    const written: StoredSignal[] | null = target === 'signals' && done.size === 0 ? [] : null;
    let buffer: StoredSignal[] = [];
    let bufferedStocks = 0;
    let failures: Array<{ tsCode: string; message: string }> = [];
    let computed = 0;
    let failed = 0;
    let skipped = 0;
    const seen = new Set<string>();
    // Writes overlap with reading and computing the next batch: at most one write in flight.
    let pending: Promise<void> | null = null;
    let writeError: unknown = null;
    const settle = async () => {
      const w0 = performance.now();
      if (pending) await pending;
      pending = null;
      timings.write += performance.now() - w0;
      if (writeError) throw writeError;
    };
    const flush = async (final = false) => {
      const rows = buffer;
      const stocks = bufferedStocks;
      const fails = failures;
      buffer = [];
      bufferedStocks = 0;
      failures = [];
      await settle();
      pending = (async () => {
        await this.store.write(dm, target, tradeDate, recordId, rows);
        if (recordId) {
          await this.store.recordFailures(dm, recordId, fails);
          await this.jobs.advance(recordId, { processed: stocks, failed: fails.length });
        }
        computed += stocks;
      })().catch((e: unknown) => {
        writeError = e;
      });
      if (final || opts.failAfter !== undefined) await settle();
      if (opts.failAfter !== undefined && computed >= opts.failAfter) throw new Error(`injected failure after ${computed} stocks`);
    };

    for await (const series of this.market.streamBarsFor(todo, from, tradeDate, { adjust: 'qfq', batchSize })) {
      seen.add(series.tsCode);
      const last = series.length - 1;
      bufferedStocks++;
      if (last < 0 || series.tradeDates[last] !== tradeDate || (realInstall && series.synthetic)) {
        skipped++;
      } else {
        const problem = badBar(series);
        if (problem) {
          failures.push({ tsCode: series.tsCode, message: problem });
          failed++;
        } else {
          const c0 = performance.now();
          try {
            const out = evaluateAll(series as BarColumns, resolved, ids);
            const close = series.close[last]!;
            for (const s of set) {
              const row = toStoredSignal(series.tsCode, s.id, s.version, out[s.id]!.at(last), close);
              buffer.push(row);
              written?.push(row);
            }
          } catch (e) {
            failures.push({ tsCode: series.tsCode, message: e instanceof Error ? e.message : String(e) });
            failed++;
          }
          timings.compute += performance.now() - c0;
        }
      }
      if (bufferedStocks >= batchSize) await flush();
    }
    // Stocks without any bar in the window.
    const missing = todo.length - seen.size;
    skipped += missing;
    bufferedStocks += missing;
    await flush(true);

    const p0 = performance.now();
    const pub =
      opts.publish === false
        ? { published: 0, chained: false, revisions: {} as Record<string, number> }
        : await this.dataSource.transaction((m) => this.publish(m, tradeDate, recordId, target, entries, written ?? undefined));
    const f0 = performance.now();
    timings.publish = f0 - p0;
    const filled = opts.fillForward === false || opts.publish === false ? 0 : (await this.forward.fill(tradeDate)).updated;
    timings.forward = performance.now() - f0;
    timings.total = performance.now() - started;
    for (const k of Object.keys(timings) as (keyof typeof timings)[]) timings[k] = Math.round(timings[k]);
    const result: RunDayResult = {
      tradeDate,
      strategies: Object.fromEntries(entries.map((e) => [e.strategyId, pub.revisions[e.strategyId] ?? e.version])),
      total: universe.length,
      processed: universe.length - todo.length + computed,
      failed,
      skipped,
      published: pub.published,
      chained: pub.chained,
      revisions: pub.revisions,
      forwardReturnsFilled: filled,
      timings,
    };
    if (recordId) await this.jobs.finish(recordId, { ...result });
    this.logger.log(`signals ${tradeDate}: ${result.published} rows published (${failed} failed, ${skipped} without a bar)${pub.chained ? ', chained' : ''}`);
    return result;
  }

  /**
   * The day becomes visible atomically. First publication: its rows (already in `signals`) are
   * appended to the chain and the day flips to published. Re-run of a published day: staged rows
   * identical to the published ones are dropped; rows of new stocks are added; if any row would
   * change under the same version, the run's rows for that strategy become a new version.
   */
  private async publish(m: EntityManager, tradeDate: string, runId: string | null, target: SignalTarget, entries: RunSetEntry[], written?: readonly StoredSignal[]) {
    const status = await this.store.lockDayStatus(m, tradeDate);
    const revisions: Record<string, number> = {};
    let published = 0;
    let chained = false;
    if (target === 'signals' && status !== 'published') {
      published = await this.store.countDayRows(m, tradeDate);
      if (published === 0) {
        // Nothing computed (no stock had a bar that day): nothing to publish or chain.
        await this.store.deleteStagingDay(m, tradeDate);
        return { published, chained, revisions };
      }
      // Rows of other versions were dropped when the run started: the link covers exactly the run's set.
      const strategies = Object.fromEntries(entries.map((e) => [e.strategyId, e.version]));
      if (await this.chain.isLate(m, tradeDate)) {
        // A back-filled past date: visible, but outside the chain (never the head, later links untouched).
        await this.store.unchainDayRows(m, tradeDate);
        await this.store.markPublishedUnchained(m, tradeDate, { strategies, rowCount: published, runId, at: this.clock.now() });
      } else {
        const link = await this.chain.append(m, tradeDate, written);
        await this.store.markPublishedChained(m, tradeDate, { strategies, rowCount: link.rowCount, runId, at: this.clock.now() }, link);
        chained = true;
      }
    } else {
      for (const e of entries) {
        let version = e.version;
        let onlyNew = false;
        if ((await this.store.countVersionRows(m, tradeDate, e.strategyId, e.version)) > 0) {
          const changed = await this.store.countChangedStagedRows(m, tradeDate, e.strategyId, e.version);
          if (changed > 0) {
            version = await this.config.createDataRevision(m, e.strategyId as StrategyId, e.version, tradeDate);
            revisions[e.strategyId] = version;
            this.logger.warn(`signals ${tradeDate}: ${changed} ${e.strategyId} v${e.version} rows would change; stored as v${version}`);
          } else {
            onlyNew = true;
          }
        }
        published += await this.store.publishStagedRows(m, tradeDate, e.strategyId, e.version, version, runId, onlyNew);
      }
      await this.store.dropStagedRows(m, tradeDate, entries);
    }
    // The day's universe (stocks with a signal): the pool for the random baseline and forward returns.
    await this.store.addDayUniverse(m, tradeDate);
    return { published, chained, revisions };
  }

}

export function toRunDto(r: JobRecord): SignalRunDto {
  const result = r.result as { strategies?: Record<string, number>; published?: number };
  return {
    id: r.id,
    tradeDate: String(r.params['tradeDate'] ?? ''),
    status: r.status,
    total: r.total,
    processed: r.processed,
    failed: r.failed,
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    message: r.message,
    strategies: result.strategies ?? {},
    published: typeof result.published === 'number' ? result.published : null,
  };
}
