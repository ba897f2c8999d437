import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  normalizeTsCode,
  type Paged,
  type PoolCoverageDto,
  type PoolHoldersDto,
  type PoolPreviewDto,
  type StockListingStatus,
  type StockPoolDetailDto,
  type StockPoolDto,
} from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser, RequestMeta } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { UUID } from '../../common/ids.js';
import { paged } from '../../common/pagination.js';
import { OperationLogService } from '../audit/operation-log.service.js';
import type { PoolStockState } from '../allocation/domain/balanced-allocator.js';
import {
  ImportLimitError,
  parsePoolFile,
  parsePoolText,
  validatePoolRows,
  type ParsedPoolImport,
  type PoolValidationReport,
  type RawPoolRow,
  type StockLookup,
} from './domain/import-parser.js';
import { type CreatePoolDto, type DuplicatePoolDto, type ListPoolsQueryDto, type UpdatePoolDto } from './dto/stock-pool.dto.js';
import type { StockPool } from './entities/stock-pool.entity.js';
import { MarketCoverageService } from '../market-data/bars/coverage.service.js';
import { MarketDataService } from '../market-data/market-data.service.js';
import { StockListService } from '../market-data/stock-list/stock-list.service.js';
import { TrackedStocksService } from '../market-data/sync/tracked-stocks.service.js';
import { STOCK_POOL_STOCKS_ADDED, type StockPoolStocksAddedEvent } from './stock-pool.events.js';
import { StockPoolStore } from './stock-pool.store.js';


/** Market data's per-stock sync covers the active and draft pools' stocks: this module's set there. */
export const POOL_STOCKS_TRACKER = 'stock-pool';

export interface PoolUpload {
  buffer: Buffer;
  originalname?: string;
  mimetype?: string;
}

/**
 * Stock pools: import (preview → create), the draft lifecycle, and the narrow reads and writes the
 * allocation module needs inside its own transactions (active pool, snapshot rows, holder counters,
 * the active switch). Every write that changes which stocks the active and draft pools list also
 * rewrites this module's tracked set in market data (`POOL_STOCKS_TRACKER`), in the same transaction.
 */
@Injectable()
export class StockPoolService implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: StockPoolStore,
    private readonly clock: Clock,
    private readonly audit: OperationLogService,
    private readonly events: EventEmitter2,
    private readonly stockList: StockListService,
    private readonly coverageReader: MarketCoverageService,
    private readonly market: MarketDataService,
    private readonly tracked: TrackedStocksService,
  ) {}

  /** A database migrated from before the tracked set (or restored from a dump) gets it at boot. */
  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction((m) => this.trackPoolStocks(m));
  }

  // ---- import --------------------------------------------------------------------------------

  /** Parses and validates pasted text or an uploaded CSV/XLSX; writes nothing. */
  async preview(input: { text?: string; file?: PoolUpload }): Promise<PoolPreviewDto> {
    let parsed: ParsedPoolImport;
    try {
      if (input.file) {
        parsed = await parsePoolFile({ buffer: input.file.buffer, filename: input.file.originalname, mimeType: input.file.mimetype });
      } else if (input.text !== undefined) {
        parsed = parsePoolText(input.text);
      } else {
        throw AppException.badRequest('VALIDATION_FAILED', 'Send `text` or a multipart `file`', [{ field: 'text', errors: ['text or file is required'] }]);
      }
    } catch (e) {
      if (e instanceof ImportLimitError) throw new AppException(e.code, e.code === 'POOL_FILE_TOO_LARGE' ? 413 : 400, e.message, e.details);
      throw e;
    }
    const report = await this.validateRows(parsed.rows);
    return {
      valid: report.valid.map((v) => ({ line: v.line, tsCode: v.tsCode, name: v.name, status: v.status })),
      invalid: report.invalid.map((i) => ({ ...i })),
      format: parsed.format,
      header: parsed.header,
    };
  }

  /** Creates a draft pool. Invalid codes refuse the whole request unless `skipInvalid`. */
  async create(dto: CreatePoolDto, operator: AuthUser, meta: RequestMeta): Promise<StockPoolDto> {
    assertDateOrder(dto.startsOn, dto.endsOn);
    const report = await this.validateRows(dto.codes.map((value, i) => ({ line: i + 1, value })));
    if (report.invalid.length > 0 && !dto.skipInvalid) {
      throw AppException.badRequest('POOL_INVALID_CODES', `${report.invalid.length} code(s) are not valid`, { invalid: report.invalid });
    }
    if (report.valid.length === 0) {
      throw AppException.badRequest('POOL_INVALID_CODES', 'No valid code to create the pool from', { invalid: report.invalid });
    }
    const pool = await this.dataSource.transaction(async (m) => {
      const saved = await this.store.insertPool(m, { name: dto.name.trim(), status: 'draft', startsOn: dto.startsOn, endsOn: dto.endsOn, createdBy: operator.id });
      await this.store.insertItems(m, saved.id, report.valid.map((v) => v.tsCode));
      await this.trackPoolStocks(m);
      await this.audit.record(
        {
          operator,
          action: 'stock_pool.create',
          targetType: 'stock_pool',
          targetId: saved.id,
          after: { name: saved.name, startsOn: saved.startsOn, endsOn: saved.endsOn, stockCount: report.valid.length, skipped: report.invalid.length },
          ip: meta.ip,
        },
        m,
      );
      return saved;
    });
    // After the commit: market data backfills the history of the pool's stocks (per stock).
    const event: StockPoolStocksAddedEvent = { poolId: pool.id, codes: report.valid.map((v) => v.tsCode), operatorId: operator.id };
    this.events.emit(STOCK_POOL_STOCKS_ADDED, event);
    return this.toDto(await this.getPool(pool.id), report.valid.length);
  }

  // ---- reads ---------------------------------------------------------------------------------

  async list(q: ListPoolsQueryDto): Promise<Paged<StockPoolDto>> {
    const [rows, total] = await this.store.listPools(this.dataSource.manager, q);
    const counts = await this.stockCounts(rows.map((r) => r.id));
    return paged(rows.map((r) => this.toDto(r, counts.get(r.id) ?? 0)), total, q);
  }

  async detail(id: string): Promise<StockPoolDetailDto> {
    const pool = await this.getPool(id);
    const items = await this.itemsOf(pool.id);
    return { ...this.toDto(pool, items.length), items };
  }

  async holders(id: string): Promise<PoolHoldersDto> {
    const pool = await this.getPool(id);
    const items = await this.itemsOf(pool.id);
    return {
      poolId: pool.id,
      status: pool.status,
      totalHoldings: items.reduce((s, i) => s + i.holders, 0),
      items: items.map(({ tsCode, name, status, holders }) => ({ tsCode, name, status, holders })),
    };
  }

  // ---- draft edits ---------------------------------------------------------------------------

  /** Name, dates and — for a draft — its stocks (replaced as a whole, validated like creation). */
  async update(id: string, dto: UpdatePoolDto, operator: AuthUser, meta: RequestMeta): Promise<StockPoolDto> {
    let codes: string[] | null = null;
    if (dto.codes !== undefined) {
      const report = await this.validateRows(dto.codes.map((value, i) => ({ line: i + 1, value })));
      if (report.invalid.length > 0) throw AppException.badRequest('POOL_INVALID_CODES', `${report.invalid.length} code(s) are not valid`, { invalid: report.invalid });
      codes = report.valid.map((v) => v.tsCode);
    }
    const saved = await this.dataSource.transaction(async (m) => {
      const pool = await this.lockDraft(id, m);
      const before: Record<string, unknown> = { name: pool.name, startsOn: pool.startsOn, endsOn: pool.endsOn };
      const next = { name: dto.name?.trim() ?? pool.name, startsOn: dto.startsOn ?? pool.startsOn, endsOn: dto.endsOn ?? pool.endsOn };
      assertDateOrder(next.startsOn, next.endsOn);
      await this.store.updateDraft(m, pool.id, next);
      const after: Record<string, unknown> = { ...next };
      if (codes) {
        const old = (await this.itemsOf(pool.id, m)).map((i) => i.tsCode);
        await this.replaceItems(m, pool.id, codes);
        await this.trackPoolStocks(m);
        before.stockCount = old.length;
        after.stockCount = codes.length;
        after.added = codes.filter((c) => !old.includes(c));
        after.removed = old.filter((c) => !codes!.includes(c));
      }
      await this.audit.record({ operator, action: 'stock_pool.update', targetType: 'stock_pool', targetId: pool.id, before, after, ip: meta.ip }, m);
      return pool.id;
    });
    const pool = await this.getPool(saved);
    return this.toDto(pool, (await this.stockCounts([pool.id])).get(pool.id) ?? 0);
  }

  /**
   * Reuse a pool (an archived one typically: it can never be active again, its holder counts are
   * history) as a new draft with the same stocks, in the same order. Stocks delisted since are
   * left out; the answer is the new draft.
   */
  async duplicate(id: string, dto: DuplicatePoolDto, operator: AuthUser, meta: RequestMeta): Promise<StockPoolDto> {
    const source = await this.getPool(id);
    const items = await this.itemsOf(source.id);
    const codes = items.filter((i) => i.status !== 'delisted').map((i) => i.tsCode);
    if (codes.length === 0) throw AppException.badRequest('POOL_INVALID_CODES', 'No listed stock left in this pool', { invalid: [] });
    const name = dto.name?.trim() ?? `${source.name} (copy)`.slice(0, 64);
    const startsOn = dto.startsOn ?? source.startsOn;
    const endsOn = dto.endsOn ?? source.endsOn;
    assertDateOrder(startsOn, endsOn);
    const pool = await this.dataSource.transaction(async (m) => {
      const saved = await this.store.insertPool(m, { name, status: 'draft', startsOn, endsOn, createdBy: operator.id });
      await this.replaceItems(m, saved.id, codes);
      await this.trackPoolStocks(m);
      await this.audit.record(
        { operator, action: 'stock_pool.duplicate', targetType: 'stock_pool', targetId: saved.id, before: { sourcePoolId: source.id, sourceStatus: source.status }, after: { name, startsOn, endsOn, stockCount: codes.length, leftOut: items.length - codes.length }, ip: meta.ip },
        m,
      );
      return saved;
    });
    return this.toDto(await this.getPool(pool.id), codes.length);
  }

  async remove(id: string, operator: AuthUser, meta: RequestMeta): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const pool = await this.lockDraft(id, m);
      await this.store.deletePool(m, pool.id); // items go with it (ON DELETE CASCADE)
      await this.trackPoolStocks(m);
      await this.audit.record({ operator, action: 'stock_pool.delete', targetType: 'stock_pool', targetId: pool.id, before: { name: pool.name, startsOn: pool.startsOn, endsOn: pool.endsOn }, ip: meta.ip }, m);
    });
  }

  // ---- for the allocation module -------------------------------------------------------------

  /**
   * Demo data: a draft pool of `codes` (in that order) when no pool exists at all; its id, or null
   * when there was one already. Not audited (no operator: a seeder).
   */
  async createSeedDraft(input: { name: string; startsOn: string; endsOn: string; codes: readonly string[] }): Promise<string | null> {
    if ((await this.store.countPools(this.dataSource.manager)) > 0) return null;
    return this.dataSource.transaction(async (m) => {
      const id = await this.store.insertSeedDraft(m, input);
      await this.store.insertItems(m, id, input.codes);
      await this.trackPoolStocks(m);
      return id;
    });
  }

  async getPool(id: string, m: EntityManager = this.dataSource.manager): Promise<StockPool> {
    const pool = UUID.test(id) ? await this.store.pool(m, id) : null;
    if (!pool) throw AppException.notFound('POOL_NOT_FOUND', 'Stock pool not found');
    return pool;
  }

  /** The pool row, locked FOR UPDATE in the caller's transaction. */
  async lockPool(id: string, m: EntityManager): Promise<StockPool> {
    const pool = UUID.test(id) ? await this.store.lockPool(m, id) : null;
    if (!pool) throw AppException.notFound('POOL_NOT_FOUND', 'Stock pool not found');
    return pool;
  }

  findActivePool(m: EntityManager = this.dataSource.manager): Promise<StockPool | null> {
    return this.store.activePool(m);
  }

  /**
   * Makes `poolId` the active pool (archiving the current one) and records the activation job.
   * Returns the pool that was active before, if any. The caller holds the pool row lock.
   */
  async switchActive(poolId: string, jobId: string, m: EntityManager): Promise<StockPool | null> {
    const now = this.clock.now();
    const previous = await this.store.lockActivePool(m);
    if (previous) await this.store.archive(m, previous.id, now);
    await this.store.markActive(m, poolId, now, jobId);
    await this.trackPoolStocks(m);
    return previous;
  }

  async setActivationJob(poolId: string, jobId: string, m: EntityManager): Promise<void> {
    await this.store.setActivationJob(m, poolId, jobId);
  }

  /** Every stock of the pool with its holder count and listing status (the allocator's input). */
  async snapshotRows(poolId: string, m: EntityManager): Promise<PoolStockState[]> {
    const rows = await this.store.holderCounts(m, poolId);
    // Listing status from market-data, in the same transaction (every item's stock exists: foreign key).
    const stocks = await this.market.stocksByCode(rows.map((r) => r.tsCode), m);
    return rows.flatMap((r) => {
      const s = stocks.get(r.tsCode);
      return s ? [{ tsCode: r.tsCode, holders: r.holders, status: s.status }] : [];
    });
  }

  /**
   * Adds `delta` to each stock's holder counter. Rows are locked in ts_code order first, so
   * concurrent adjustments of overlapping stocks cannot deadlock.
   */
  async adjustHolders(poolId: string, deltas: ReadonlyMap<string, number>, m: EntityManager): Promise<void> {
    const entries = [...deltas].filter(([, d]) => d !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) return;
    await this.store.addHolders(m, poolId, entries.map(([c]) => c), entries.map(([, d]) => d));
  }

  /** Sets every counter of the pool from `counts` (missing stocks → 0). */
  async setHolders(poolId: string, counts: ReadonlyMap<string, number>, m: EntityManager): Promise<void> {
    await this.store.setHolders(m, poolId, counts);
  }

  /** GET /admin/stock-pools/:id/coverage — stored real market data per pool stock. */
  async coverage(id: string): Promise<PoolCoverageDto> {
    const pool = await this.getPool(id);
    const items = await this.itemsOf(pool.id);
    const cov = await this.coverageReader.forCodes(items.map((i) => i.tsCode));
    return {
      poolId: pool.id,
      from: cov.from,
      to: cov.to,
      items: items.map((i) => {
        const c = cov.items.get(i.tsCode);
        return {
          tsCode: i.tsCode,
          name: i.name,
          bars: c?.bars ?? 0,
          syntheticBars: c?.syntheticBars ?? 0,
          firstDate: c?.firstDate ?? null,
          lastDate: c?.lastDate ?? null,
          expectedDays: c?.expectedDays ?? 0,
          missingDays: c?.missingDays ?? 0,
        };
      }),
    };
  }

  // ---- for leaving demo mode (the demo-data module, in its transaction) -----------------------

  /** Pools with this exact name (the demo pool is recognised by its seeded name). */
  async poolIdsNamed(name: string, m: EntityManager): Promise<string[]> {
    return this.store.lockPoolIdsNamed(m, name);
  }

  /** Deletes a pool whatever its status (items go with it); the caller removed its allocations. */
  async deletePoolIn(m: EntityManager, poolId: string): Promise<void> {
    await this.store.deletePool(m, poolId);
    await this.trackPoolStocks(m);
  }

  /** Those of `codes` that no pool lists (any more), in the caller's transaction. */
  async codesOutsidePools(m: EntityManager, codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    return this.store.codesOutsidePools(m, codes);
  }

  toDto(p: StockPool, stockCount: number): StockPoolDto {
    return {
      id: p.id,
      name: p.name,
      status: p.status,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      stockCount,
      createdBy: p.createdBy,
      createdAt: p.createdAt.toISOString(),
      activatedAt: p.activatedAt?.toISOString() ?? null,
      archivedAt: p.archivedAt?.toISOString() ?? null,
      activationJobId: p.activationJobId,
    };
  }

  // ---- internals -----------------------------------------------------------------------------

  private async validateRows(rows: readonly RawPoolRow[]): Promise<PoolValidationReport> {
    const codes = new Set<string>();
    for (const r of rows) {
      const n = normalizeTsCode(r.value);
      if (n.ok) codes.add(n.tsCode);
    }
    let stocks = await this.market.stocksByCode([...codes]);
    const unknown = [...codes].filter((c) => !stocks.has(c));
    if (unknown.length > 0) {
      // Not in the local list yet (e.g. a fresh real install): ask the data source in this request.
      await this.stockList.lookup(unknown);
      stocks = await this.market.stocksByCode([...codes]);
    }
    const lookup: StockLookup = (tsCode) => {
      const s = stocks.get(tsCode);
      return s && { name: s.name, status: s.status };
    };
    return validatePoolRows(rows, lookup);
  }

  /** Rewrites this module's tracked set in market data: the stocks of the active and draft pools. */
  private trackPoolStocks(m: EntityManager): Promise<void> {
    return this.tracked.replace(m, POOL_STOCKS_TRACKER, (tx) => this.store.activeAndDraftCodes(tx));
  }

  /** A draft's items, replaced as a whole (holders are 0 for a draft). */
  private async replaceItems(m: EntityManager, poolId: string, codes: readonly string[]): Promise<void> {
    await this.store.deleteItems(m, poolId);
    await this.store.insertItems(m, poolId, codes);
  }

  private async lockDraft(id: string, m: EntityManager): Promise<StockPool> {
    const pool = await this.lockPool(id, m);
    if (pool.status !== 'draft') throw AppException.conflict('POOL_NOT_DRAFT', 'Only a draft pool can be changed', { status: pool.status });
    return pool;
  }

  private async itemsOf(poolId: string, m: EntityManager = this.dataSource.manager) {
    const rows = await this.store.items(m, poolId);
    // Names and listing status from market-data (every item's stock exists: foreign key).
    const stocks = await this.market.stocksByCode(rows.map((r) => r.tsCode), m);
    return rows.flatMap((r) => {
      const s = stocks.get(r.tsCode);
      return s ? [{ position: r.position, tsCode: r.tsCode, name: s.name, status: s.status, holders: r.holders }] : [];
    });
  }


  private async stockCounts(poolIds: string[]): Promise<Map<string, number>> {
    if (poolIds.length === 0) return new Map();
    return this.store.stockCounts(this.dataSource.manager, poolIds);
  }
}

function assertDateOrder(startsOn: string, endsOn: string) {
  if (endsOn < startsOn) {
    throw AppException.badRequest('VALIDATION_FAILED', 'endsOn must not be before startsOn', [{ field: 'endsOn', errors: ['endsOn must not be before startsOn'] }]);
  }
}
