import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { MarketSyncDto, Paged } from '@zhice/shared';
import type { Queue } from 'bullmq';
import { AppException } from '../../../common/app-exception.js';
import type { AuthUser } from '../../../common/auth.decorators.js';
import { Clock } from '../../../common/clock.js';
import { paged } from '../../../common/pagination.js';
import { QUEUES } from '../../jobs/queues.js';
import type { JobRecord } from '../../jobs/entities/job-record.entity.js';
import { JobsService } from '../../jobs/jobs.service.js';
import type { ListMarketSyncsQueryDto } from '../dto/market-data.dto.js';
import { chinaDateOf } from '../domain/trade-dates.js';
import { addDays } from '../domain/trade-dates.js';
import { BACKFILL_CALENDAR_DAYS, MARKET_BACKFILL_JOB, MARKET_SYNC_JOB } from './market-sync.service.js';

/** Longest range one sync may cover (about 13 months of trade dates). */
export const MAX_SYNC_RANGE_DAYS = 400;

/** Starting and reading syncs (the job itself is MarketSyncService, run by the market-data worker). */
@Injectable()
export class MarketSyncJobsService {
  constructor(
    private readonly jobs: JobsService,
    private readonly clock: Clock,
    @InjectQueue(QUEUES.marketData) private readonly queue: Queue,
  ) {}

  async start(dto: { from: string; to: string }, operator: AuthUser): Promise<{ id: string; status: string }> {
    const problems: Array<{ field: string; errors: string[] }> = [];
    const today = chinaDateOf(this.clock.now());
    if (dto.from > dto.to) problems.push({ field: 'from', errors: ['from must not be after to'] });
    else if ((Date.parse(dto.to) - Date.parse(dto.from)) / 86_400_000 + 1 > MAX_SYNC_RANGE_DAYS) {
      problems.push({ field: 'to', errors: [`a sync covers at most ${MAX_SYNC_RANGE_DAYS} days`] });
    }
    if (dto.to > today) problems.push({ field: 'to', errors: [`to must not be after today (${today}, Asia/Shanghai)`] });
    if (problems.length) throw AppException.badRequest('VALIDATION_FAILED', 'The request is not valid', problems);
    const record = await this.jobs.enqueue(this.queue, MARKET_SYNC_JOB, { from: dto.from, to: dto.to, trigger: 'admin' }, operator.id);
    return { id: record.id, status: record.status };
  }

  /** History of stocks newly entering a pool (per stock), up to today (China). */
  async startBackfill(codes: readonly string[], operatorId: string | null): Promise<{ id: string; status: string }> {
    const today = chinaDateOf(this.clock.now());
    const record = await this.jobs.enqueue(this.queue, MARKET_BACKFILL_JOB, { codes: [...new Set(codes)].sort(), from: addDays(today, -BACKFILL_CALENDAR_DAYS), to: today }, operatorId);
    return { id: record.id, status: record.status };
  }

  async get(id: string): Promise<MarketSyncDto> {
    const record = await this.jobs.get(id);
    if (record.kind !== MARKET_SYNC_JOB) throw AppException.notFound('JOB_NOT_FOUND', 'Job not found');
    return toSyncDto(record);
  }

  async list(q: ListMarketSyncsQueryDto): Promise<Paged<MarketSyncDto>> {
    const { rows, total } = await this.jobs.records(MARKET_SYNC_JOB, q);
    return paged(rows.map(toSyncDto), total, q);
  }
}

function toSyncDto(r: JobRecord): MarketSyncDto {
  const result = r.result as Partial<{ callsBySource: Record<string, number>; rejected: number; perStockDates: number; synthetic: boolean; barsWritten: number; barsReplaced: number; barsMissing: number }>;
  return {
    id: r.id,
    status: r.status,
    from: String(r.params.from ?? ''),
    to: String(r.params.to ?? ''),
    total: r.total,
    processed: r.processed,
    failed: r.failed,
    callsBySource: { tushare: 0, akshare: 0, demo: 0, ...(result.callsBySource ?? {}) },
    rejected: result.rejected ?? 0,
    perStockDates: result.perStockDates ?? 0,
    synthetic: result.synthetic ?? false,
    barsWritten: result.barsWritten ?? 0,
    barsReplaced: result.barsReplaced ?? 0,
    barsMissing: result.barsMissing ?? 0,
    message: r.message,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
