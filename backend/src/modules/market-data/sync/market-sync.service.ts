import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock.js';
import { withSessionLock } from '../../../common/session-lock.js';
import { isUniqueViolation } from '../../../common/sql.js';
import { JobsService } from '../../jobs/jobs.service.js';
import { ProgressReporter } from '../../jobs/recorded-processor.js';
import { checkAdjFactors, checkDailyBars, type RejectedRow } from '../domain/bar-quality.js';
import type { AdjFactor, DailyBar } from '../domain/market-types.js';
import { addDays, chinaDateOf, expectedTradeDate } from '../domain/trade-dates.js';
import { DataSourcesService } from '../data-sources/data-sources.service.js';
import { MarketDataUnavailableError } from '../manager/data-source-errors.js';
import type { DataSourceManager, MarketDataResult } from '../manager/data-source-manager.js';
import { MarketDataStore, type DateSyncState, type MarkDateInput } from '../market-data.store.js';
import { TrackedStocksService } from './tracked-stocks.service.js';

export const MARKET_SYNC_JOB = 'market-data.sync';
/** History of stocks newly entering a pool, filled per stock. */
export const MARKET_BACKFILL_JOB = 'market-data.backfill';
/** How far back a backfill reaches (calendar days; the signals' longest lookback fits well inside). */
export const BACKFILL_CALENDAR_DAYS = 400;

export interface MarketBackfillParams {
  codes: string[];
  from: string;
  to: string;
}

export interface MarketSyncParams {
  from: string;
  to: string;
}

/** What a sync reports in its job record's `result` (merged as it goes, so polling sees it live). */
export interface MarketSyncResult {
  callsBySource: Record<string, number>;
  /** Provider calls that no provider could serve (every attempt failed). */
  unavailable: number;
  rejected: number;
  rejectedSamples: string[];
  perStockDates: number;
  perStockStocks: number;
  synthetic: boolean;
  /** Open dates with no data published yet (e.g. today before the close). */
  empty: number;
  /** Bars stored (inserted or changed) by this sync. */
  barsWritten: number;
  /** Of those, rows that replaced synthetic demo rows of the same stock and date. */
  barsReplaced: number;
  /** Asked-for (stock, date) bars still without a real row after the per-stock phase (suspensions included). */
  barsMissing: number;
  /** Adjustment factors stored. */
  factorsWritten: number;
  /** Stocks the per-stock phase covered (pools' stocks and holdings). */
  perStockUniverse: number;
  phase: 'calendar' | 'dates' | 'stocks' | 'done';
}

const MAX_REJECTED_SAMPLES = 20;

/**
 * The market-data sync, one job per date range; one unit of progress = one open trade date.
 *
 * 1. Calendar for the range and stock basics (into the shared `stocks` table).
 * 2. Each open date not yet complete: the whole market by trade date when some provider can serve it
 *    (Tushare: exactly one `daily` + one `adj_factor` call per date), quality-checked, upserted.
 * 3. Dates no provider could serve by trade date (e.g. only AKShare works): per stock, for the stocks
 *    in the active and draft pools and any stock a member holds — ONE call per stock covering the whole
 *    missing range of that stock, not one per date.
 *
 * Safe to kill and restart: every write is an idempotent upsert and step 2 skips complete dates, so a
 * retried job resumes where the last one stopped. Syncs are serialised cluster-wide by an advisory
 * lock (two would only duplicate work).
 */
@Injectable()
export class MarketSyncService {
  private readonly logger = new Logger('MarketSync');
  /** The current run's expected trade date (runs are serialised by the advisory lock). */
  private expected: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MarketDataStore,
    private readonly sources: DataSourcesService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
    private readonly tracked: TrackedStocksService,
  ) {}

  async run(jobId: string, params: MarketSyncParams): Promise<MarketSyncResult> {
    return withSessionLock(this.dataSource, 'market-data:sync', () => this.runLocked(jobId, params));
  }

  private async runLocked(jobId: string, { from, to }: MarketSyncParams): Promise<MarketSyncResult> {
    await this.sources.refreshFromStore();
    const manager = this.sources.manager;
    const result = this.emptyResult();
    await this.jobs.start(jobId, 0);
    await this.jobs.mergeResult(jobId, { ...result });
    const served = <T>(r: MarketDataResult<T>): MarketDataResult<T> => {
      result.callsBySource[r.source] = (result.callsBySource[r.source] ?? 0) + 1;
      if (r.synthetic) result.synthetic = true;
      return r;
    };

    // 1. Calendar (must exist for the range) and basics (best effort).
    try {
      const calendar = served(await manager.call('tradeCalendar', { from, to }));
      await this.store.upsertCalendar(this.db, calendar.data, calendar.source, this.clock.now());
    } catch (error) {
      if (!(error instanceof MarketDataUnavailableError)) throw error;
      result.unavailable += 1;
      if (!(await this.store.calendarCovers(this.db, from, to))) throw new Error(`no trade calendar for ${from}..${to}: ${error.message}`);
      this.logger.warn(`calendar unavailable, using the stored one: ${error.message}`);
    }
    try {
      const basics = served(await manager.call('stockBasics', {}));
      // A source without list dates (AKShare) reports less than we may know: never overwrite with it.
      const partial = basics.data.length > 0 && basics.data.every((b) => b.listDate === null);
      await this.store.upsertStockBasics(this.db, basics.data, partial);
    } catch (error) {
      if (!(error instanceof MarketDataUnavailableError)) throw error;
      result.unavailable += 1;
      this.logger.warn(`stock basics unavailable, keeping the stored ones: ${error.message}`);
    }

    // 2. Open dates up to today (China); complete ones are skipped.
    const today = chinaDateOf(this.clock.now());
    const dates = await this.store.openDates(this.db, from, to < today ? to : today);
    const states = await this.store.dateStates(this.db, dates);
    const realSource = this.sources.hasRealSource();
    const pending = dates.filter((d) => !isComplete(states.get(d), realSource));
    // The newest date providers should have: a late answer up to it falls over to the next provider.
    this.expected = expectedTradeDate(await this.store.openDates(this.db, addDays(today, -30), today), this.clock.now());
    await this.jobs.setCounters(jobId, { processed: dates.length - pending.length, failed: 0, total: dates.length });
    result.phase = 'dates';
    await this.jobs.mergeResult(jobId, { ...result });

    // Pipelined: the next date's upstream calls run while this date is written to the database.
    // Same calls, same order per provider; only the waiting overlaps.
    const progress = new ProgressReporter(this.jobs, jobId, () => ({ ...result }) as Record<string, unknown>);
    const perStock: string[] = [];
    const fetchDate = (date: string): Promise<FetchedDate> => {
      const p = this.fetchDate(manager, date, states.get(date), realSource, served, result);
      p.catch(() => undefined); // awaited below; never an unhandled rejection while we write
      return p;
    };
    let next = pending.length > 0 ? fetchDate(pending[0]!) : null;
    for (let i = 0; i < pending.length; i++) {
      const fetched = await next!;
      next = i + 1 < pending.length ? fetchDate(pending[i + 1]!) : null;
      const at = this.clock.now();
      switch (fetched.kind) {
        case 'perStock':
          perStock.push(fetched.date);
          continue;
        case 'empty':
          // Nothing published for this open date yet (today before ~16:00): not complete, try again later.
          result.empty += 1;
          break;
        case 'factorsOnly':
          if (fetched.factors) {
            await this.writeFactorsOnly(fetched.date, fetched.factors.rows, fetched.factors.source, at);
            result.factorsWritten += fetched.factors.rows.length;
          }
          break;
        case 'bars': {
          const { replaced } = await this.writeMarketDate({
            fresh: !states.has(fetched.date),
            bars: fetched.bars,
            barsSource: fetched.source,
            factors: fetched.factors?.rows ?? [],
            factorSource: fetched.factors?.source ?? null,
            mark: {
              tradeDate: fetched.date,
              scope: 'market',
              barsComplete: true,
              factorsComplete: fetched.factors !== null,
              source: fetched.source,
              factorSource: fetched.factors?.source ?? null,
              rows: fetched.bars.length,
              rejected: fetched.rejected,
              at,
            },
          });
          result.barsWritten += fetched.bars.length;
          result.barsReplaced += replaced;
          result.factorsWritten += fetched.factors?.rows.length ?? 0;
          break;
        }
      }
      await progress.add(1);
    }
    await progress.flush();

    // 3. Per stock over the dates nobody could serve whole.
    if (perStock.length > 0) {
      result.phase = 'stocks';
      await this.jobs.mergeResult(jobId, { ...result });
      await this.syncPerStock(jobId, manager, perStock, served, result);
    }
    result.phase = 'done';
    // Asked for dates (not merely "nothing published yet"), some call no source could serve, bars
    // still missing (or no stock to fill per stock), and nothing stored: not a success, whatever the
    // per-date counters say. Providers that answered without rows (suspensions) leave a done sync
    // that reports them as barsMissing.
    const asked = pending.length - result.empty;
    const nothingToFillFrom = result.perStockDates > 0 && result.perStockUniverse === 0;
    if (asked > 0 && result.barsWritten === 0 && result.factorsWritten === 0 && result.unavailable > 0 && (result.barsMissing > 0 || nothingToFillFrom)) {
      await this.jobs.mergeResult(jobId, { ...result });
      const message = `stored nothing: ${asked} trade date(s) asked for, 0 bars written, ${result.barsMissing} bars missing, ${result.unavailable} call(s) no source could serve`;
      this.logger.warn(`sync ${from}..${to}: ${message}`);
      await this.jobs.fail(jobId, message);
      return result;
    }
    await this.jobs.finish(jobId, { ...result });
    return result;
  }

  /**
   * The history of some stocks (e.g. newly entering a pool), per stock: ONE bars call and one factor
   * call per stock over the open dates it lacks real bars for in [from, to]. Progress = stocks.
   * Dates get a per-stock record where they have none (the fresh-date invariant, see writeMarketDate); a
   * whole-market sync still completes them later.
   */
  async backfill(jobId: string, params: MarketBackfillParams): Promise<MarketSyncResult> {
    return withSessionLock(this.dataSource, 'market-data:sync', () => this.backfillLocked(jobId, params));
  }

  private async backfillLocked(jobId: string, { codes, from, to }: MarketBackfillParams): Promise<MarketSyncResult> {
    await this.sources.refreshFromStore();
    const manager = this.sources.manager;
    const result = this.emptyResult();
    const served = <T>(r: MarketDataResult<T>): MarketDataResult<T> => {
      result.callsBySource[r.source] = (result.callsBySource[r.source] ?? 0) + 1;
      if (r.synthetic) result.synthetic = true;
      return r;
    };
    await this.jobs.start(jobId, codes.length);
    const today = chinaDateOf(this.clock.now());
    const end = to < today ? to : today;
    if (!(await this.store.calendarCovers(this.db, from, end))) {
      try {
        const calendar = served(await manager.call('tradeCalendar', { from, to: end }));
        await this.store.upsertCalendar(this.db, calendar.data, calendar.source, this.clock.now());
      } catch (error) {
        if (!(error instanceof MarketDataUnavailableError)) throw error;
        throw new Error(`no trade calendar for ${from}..${end}: ${error.message}`);
      }
    }
    const dates = await this.store.openDates(this.db, from, end);
    this.expected = expectedTradeDate(await this.store.openDates(this.db, addDays(today, -30), today), this.clock.now());
    const realOnly = this.sources.hasRealSource();
    const missing = await this.store.missingDates(this.db, codes, dates, realOnly);
    await this.store.markDatesIfAbsent(this.db, dates, this.clock.now());
    await this.jobs.setCounters(jobId, { processed: codes.length - missing.size, failed: 0, total: codes.length });
    result.phase = 'stocks';
    await this.jobs.mergeResult(jobId, { ...result });
    await this.fillStocks(jobId, manager, missing, served, result, () => this.jobs.advance(jobId, { processed: 1 }));
    for (const list of (await this.store.missingDates(this.db, [...missing.keys()], dates, realOnly)).values()) result.barsMissing += list.length;
    result.phase = 'done';
    if (missing.size > 0 && result.barsWritten === 0 && result.unavailable > 0) {
      await this.jobs.mergeResult(jobId, { ...result });
      await this.jobs.fail(jobId, `stored nothing: ${missing.size} stock(s) lacked history, ${result.unavailable} call(s) no source could serve`);
      return result;
    }
    await this.jobs.finish(jobId, { ...result });
    return result;
  }

  private emptyResult(): MarketSyncResult {
    return {
      callsBySource: Object.fromEntries(this.sources.providerNames.map((n) => [n, 0])),
      unavailable: 0,
      rejected: 0,
      rejectedSamples: [],
      perStockDates: 0,
      perStockStocks: 0,
      synthetic: false,
      empty: 0,
      barsWritten: 0,
      barsReplaced: 0,
      barsMissing: 0,
      factorsWritten: 0,
      perStockUniverse: 0,
      phase: 'calendar',
    };
  }

  /** The upstream half of one date: decides the path and fetches (never writes). */
  private async fetchDate(
    manager: DataSourceManager,
    date: string,
    state: DateSyncState | undefined,
    realSource: boolean,
    served: <T>(r: MarketDataResult<T>) => MarketDataResult<T>,
    result: MarketSyncResult,
  ): Promise<FetchedDate> {
    const barsDone = state?.barsComplete === true && !(state.source === 'demo' && realSource);
    if (barsDone) {
      // Only the factors are missing (they arrive the next morning, or no source had them).
      return { kind: 'factorsOnly', date, factors: await this.fetchFactors(manager, date, served, result) };
    }
    if (!manager.canServe('dailyByTradeDate')) return { kind: 'perStock', date };
    let bars: MarketDataResult<DailyBar[]>;
    const due = this.isDue(date);
    try {
      bars = served(await manager.call('dailyByTradeDate', { tradeDate: date }, due ? { expectLatest: date } : {}));
    } catch (error) {
      if (!(error instanceof MarketDataUnavailableError)) throw error;
      result.unavailable += 1;
      this.logger.warn(`${date}: whole-market bars unavailable (${error.message}); will fill per stock`);
      return { kind: 'perStock', date };
    }
    const accepted = this.quality(date, bars.source, checkDailyBars(bars.data.filter((b) => b.tradeDate === date)), result);
    if (accepted.length === 0) {
      // Nothing for a date that should be published: the whole-market source is late; the stocks in
      // use are filled per stock from whichever provider has the date (the manager logs the switch).
      if (due && manager.canServe('dailyByStock')) {
        this.logger.warn(`${date}: ${bars.source} has no bars for a published trade date; filling per stock`);
        return { kind: 'perStock', date };
      }
      return { kind: 'empty', date };
    }
    const factors = await this.fetchFactors(manager, date, served, result);
    return { kind: 'bars', date, source: bars.source, bars: accepted, rejected: bars.data.length - accepted.length, factors };
  }

  /** Whole-market factors for one date, quality-checked; null when no source could serve them. */
  private async fetchFactors(
    manager: DataSourceManager,
    date: string,
    served: <T>(r: MarketDataResult<T>) => MarketDataResult<T>,
    result: MarketSyncResult,
  ): Promise<{ source: string; rows: AdjFactor[] } | null> {
    if (!manager.canServe('adjFactorByTradeDate')) return null;
    try {
      const factors = served(await manager.call('adjFactorByTradeDate', { tradeDate: date }));
      const accepted = this.quality(date, factors.source, checkAdjFactors(factors.data.filter((f) => f.tradeDate === date)), result);
      return accepted.length === 0 ? null : { source: factors.source, rows: accepted };
    } catch (error) {
      if (!(error instanceof MarketDataUnavailableError)) throw error;
      result.unavailable += 1;
      this.logger.warn(`${date}: adjustment factors unavailable (${error.message})`);
      return null;
    }
  }

  private async syncPerStock(
    jobId: string,
    manager: DataSourceManager,
    dates: string[],
    served: <T>(r: MarketDataResult<T>) => MarketDataResult<T>,
    result: MarketSyncResult,
  ): Promise<void> {
    const universe = await this.tracked.codes();
    result.perStockUniverse = universe.length;
    // Synthetic rows never count as present once a real source is enabled: a real provider replaces them.
    const realOnly = this.sources.hasRealSource();
    const missing = await this.store.missingDates(this.db, universe, dates, realOnly);
    // Record the dates before any row of them is written (the fresh-date invariant, see writeMarketDate).
    for (const date of dates) {
      await this.store.markDate(this.db, { tradeDate: date, scope: 'stocks', barsComplete: false, factorsComplete: false, source: null, factorSource: null, rows: 0, rejected: 0, at: this.clock.now() });
    }
    const { anyServed, sources, factorSources } = await this.fillStocks(jobId, manager, missing, served, result);

    const counts = await this.store.barCounts(this.db, dates, universe);
    const at = this.clock.now();
    for (const date of dates) {
      await this.store.markDate(this.db, {
        tradeDate: date,
        scope: 'stocks',
        barsComplete: false,
        factorsComplete: false,
        source: [...sources].join(',').slice(0, 16) || null,
        factorSource: [...factorSources].join(',').slice(0, 16) || null,
        rows: counts.get(date) ?? 0,
        rejected: 0,
        at,
      });
    }
    result.perStockDates = dates.length;
    let stillMissing = 0;
    for (const list of (await this.store.missingDates(this.db, universe, dates, realOnly)).values()) stillMissing += list.length;
    result.barsMissing += stillMissing;
    // A date counts as failed when nothing could be fetched for it at all.
    const nothing = !anyServed && missing.size > 0;
    await this.jobs.advance(jobId, nothing ? { failed: dates.length } : { processed: dates.length });
  }

  /**
   * Per stock, ONE bars call (and one factors call) over the stock's whole missing range; a real
   * answer replaces the stock's synthetic rows on those dates. `onStock` runs after each stock.
   */
  private async fillStocks(
    jobId: string,
    manager: DataSourceManager,
    missing: Map<string, string[]>,
    served: <T>(r: MarketDataResult<T>) => MarketDataResult<T>,
    result: MarketSyncResult,
    onStock?: () => Promise<void>,
  ): Promise<{ anyServed: boolean; sources: Set<string>; factorSources: Set<string> }> {
    const wanted = new Set([...missing.values()].flat());
    const sources = new Set<string>();
    const factorSources = new Set<string>();
    let anyServed = false;
    let stocksDone = 0;
    for (const [tsCode, stockDates] of missing) {
      const from = stockDates[0]!;
      const to = stockDates[stockDates.length - 1]!;
      if (!manager.canServe('dailyByStock')) {
        this.logger.warn(`per-stock bars: no data source can serve them now; ${missing.size - stocksDone} stocks left`);
        result.unavailable += missing.size - stocksDone;
        break;
      }
      try {
        const bars = served(await manager.call('dailyByStock', { tsCode, from, to }, this.isDue(to) ? { expectLatest: to } : {}));
        anyServed = true;
        const accepted = this.quality(tsCode, bars.source, checkDailyBars(bars.data.filter((b) => b.tsCode === tsCode && wanted.has(b.tradeDate))), result);
        // The answer covers the stock's missing dates: its synthetic rows there go, real rows come in.
        const stored = await this.writeStockBars(tsCode, stockDates, accepted, bars.source);
        result.barsWritten += stored.written;
        result.barsReplaced += stored.replaced;
        if (accepted.length > 0) sources.add(bars.source);
      } catch (error) {
        if (!(error instanceof MarketDataUnavailableError)) throw error;
        result.unavailable += 1;
        this.logger.warn(`${tsCode}: bars unavailable (${error.message})`);
      }
      if (manager.canServe('adjFactorByStock')) {
        try {
          const factors = served(await manager.call('adjFactorByStock', { tsCode, from, to }));
          const accepted = this.quality(tsCode, factors.source, checkAdjFactors(factors.data.filter((f) => f.tsCode === tsCode && wanted.has(f.tradeDate))), result);
          if (accepted.length > 0) {
            await this.store.upsertFactors(this.db, accepted, factors.source);
            result.factorsWritten += accepted.length;
            factorSources.add(factors.source);
          }
        } catch (error) {
          if (!(error instanceof MarketDataUnavailableError)) throw error;
          result.unavailable += 1;
        }
      }
      stocksDone += 1;
      result.perStockStocks = stocksDone;
      if (stocksDone % 20 === 0) await this.jobs.mergeResult(jobId, { ...result });
      await onStock?.();
    }
    return { anyServed, sources, factorSources };
  }

  /** Single statements outside a transaction. */
  private get db(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * One trade date of the whole market — bars, factors and its sync record — in ONE transaction, so a
   * date is either fully written and marked or not at all. `synchronous_commit = off` for it: a crash
   * can lose the last few commits, but never half of one, and a lost date is simply not marked
   * complete and is fetched again by the next (resumed) sync; it saves one WAL flush per date.
   *
   * The fresh-date invariant: a `fresh` date (no sync record yet) has no rows — every writer records
   * the date in the same transaction as its rows, or before them — so its rows go in with a plain
   * INSERT: no ON CONFLICT speculative insertion and no DELETE probing the primary key 5,000 times.
   * Should rows exist after all, the unique violation sends the date down the replacing path instead.
   */
  private async writeMarketDate(input: MarketDateWrite & { fresh: boolean }): Promise<{ replaced: number }> {
    if (input.fresh) {
      try {
        return await this.writeMarketDateTx(input, false);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return this.writeMarketDateTx(input, true);
  }

  private writeMarketDateTx(input: MarketDateWrite, replace: boolean): Promise<{ replaced: number }> {
    const date = input.mark.tradeDate;
    const withFactors = input.factorSource !== null && input.factors.length > 0;
    // A real source's whole market replaces every synthetic row of the date, also of stocks it does
    // not list: a date is complete only with real rows.
    const dropDemo = input.barsSource !== 'demo';
    return this.dataSource.transaction(async (m) => {
      await this.store.relaxCommit(m);
      let replaced = 0;
      if (replace) {
        // Exactly the rows being written are replaced (per-stock or demo rows of the same stocks).
        const gone = await this.store.deleteDateBars(m, date, input.bars.map((b) => b.tsCode), dropDemo);
        replaced = dropDemo ? gone.synthetic : 0;
        if (withFactors) {
          await this.store.deleteDateFactors(m, date, input.factors.map((f) => f.tsCode), dropDemo);
        }
      }
      await this.store.insertBars(m, input.bars, input.barsSource);
      if (withFactors) await this.store.insertFactors(m, input.factors, input.factorSource!);
      await this.store.markDate(m, input.mark);
      return { replaced };
    });
  }

  /** Factors for a date whose bars were already complete, and the record saying so, in one transaction. */
  private async writeFactorsOnly(tradeDate: string, factors: readonly AdjFactor[], factorSource: string, at: Date): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.store.relaxCommit(m);
      await this.store.upsertFactors(m, factors, factorSource);
      await this.store.markFactors(m, tradeDate, factorSource, at);
    });
  }

  /**
   * What a provider answered for one stock over `dates` (the per-stock path), in one transaction.
   * From a real source, every synthetic (demo) row of the stock on those dates goes — replaced by
   * the real bar, or simply removed where the real source has none (a suspension): its answer is
   * authoritative. `written` = rows stored (inserted or changed; unchanged rows are not rewritten),
   * `replaced` = synthetic rows removed.
   */
  private async writeStockBars(tsCode: string, dates: readonly string[], bars: readonly DailyBar[], source: string): Promise<{ written: number; replaced: number }> {
    if (dates.length === 0) return { written: 0, replaced: 0 };
    return this.dataSource.transaction(async (m) => {
      const replaced = source !== 'demo' ? await this.store.deleteSyntheticBars(m, tsCode, dates) : 0;
      const written = bars.length === 0 ? 0 : await this.store.upsertBars(m, bars, source);
      return { written, replaced };
    });
  }

  /** Whether `date` should be published by now (a provider without it is late). */
  private isDue(date: string): boolean {
    return this.expected !== null && date <= this.expected;
  }

  /** Keeps accepted rows; counts and logs the rejected ones (never stored). */
  private quality<T extends DailyBar | AdjFactor>(
    scope: string,
    source: string,
    checked: { accepted: T[]; rejected: RejectedRow<T>[] },
    result: MarketSyncResult,
  ): T[] {
    if (checked.rejected.length > 0) {
      result.rejected += checked.rejected.length;
      const samples = checked.rejected.slice(0, 5).map((r) => `${r.row.tsCode} ${r.row.tradeDate} ${r.reason} (${r.detail})`);
      for (const sample of samples) {
        if (result.rejectedSamples.length < MAX_REJECTED_SAMPLES) result.rejectedSamples.push(`${source}: ${sample}`);
      }
      this.logger.warn(`${scope}: ${checked.rejected.length} rows from ${source} rejected by the quality check: ${samples.join('; ')}`);
    }
    return checked.accepted;
  }
}

/** One whole-market date to write: accepted bars, factors (if any) and the date's record. */
interface MarketDateWrite {
  bars: readonly DailyBar[];
  barsSource: string;
  factors: readonly AdjFactor[];
  factorSource: string | null;
  mark: MarkDateInput;
}

type FetchedDate =
  | { kind: 'perStock'; date: string }
  | { kind: 'empty'; date: string }
  | { kind: 'factorsOnly'; date: string; factors: { source: string; rows: AdjFactor[] } | null }
  | { kind: 'bars'; date: string; source: string; bars: DailyBar[]; rejected: number; factors: { source: string; rows: AdjFactor[] } | null };

/**
 * Complete = whole-market bars and factors stored. Synthetic demo data does not count as complete
 * once a real source is enabled, so real data replaces it.
 */
export function isComplete(state: DateSyncState | undefined, realSourceEnabled: boolean): boolean {
  if (!state || !state.barsComplete || !state.factorsComplete) return false;
  return !(realSourceEnabled && (state.source === 'demo' || state.factorSource === 'demo'));
}
