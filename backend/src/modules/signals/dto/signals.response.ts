import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  SIGNAL_WINDOWS,
  TRACK_RECORD_VERDICTS,
  type ChainDayDto,
  type ChainHeadDto,
  type ChainRowDto,
  type ChainVerifyDto,
  type IntervalDto,
  type JobStatus,
  type MyFreshnessDto,
  type MySignalsPageDto,
  type MyStockSignalSummaryDto,
  type MyTrackRecordDto,
  type SignalActionName,
  type SignalBaselineDto,
  type SignalDayDto,
  type SignalDto,
  type SignalReasonsDto,
  type SignalRunDto,
  type SignalRunFailureDto,
  type SignalStatsDto,
  type SignalStatsItemDto,
  type SignalWindow,
  type StockFreshnessDto,
  type StrategyDto,
  type StrategyParamSpecDto,
  type StrategyVersionDto,
  type TrackRecordFiguresDto,
  type TrackRecordVerdict,
  type TrackRecordWindowDto,
} from '@zhice/shared';

/** Response shapes of the signals routes (OpenAPI), implementing the `@zhice/shared` types. */

const ACTIONS = ['BUY', 'SELL', 'HOLD'];
const JOB_STATUSES = ['queued', 'running', 'done', 'failed'];
const HASH = 'a3f5c2e1b4d6f7089a1b2c3d4e5f60718293a4b5c6d7e8f90123456789abcdef';
const VERSIONS = { type: 'object', additionalProperties: { type: 'integer' }, example: { cho: 1, composite: 1 } } as const;

export class StrategyParamSpecResponseDto implements StrategyParamSpecDto {
  @ApiProperty({ example: 'short' }) key: string;
  @ApiProperty({ example: 'Short EMA period' }) label: string;
  @ApiProperty({ example: true }) integer: boolean;
  @ApiProperty({ example: 1 }) min: number;
  @ApiProperty({ example: 1000 }) max: number;
  @ApiPropertyOptional({ example: false }) minExclusive?: boolean;
  @ApiPropertyOptional({ example: false }) maxExclusive?: boolean;
}

export class StrategyVersionResponseDto implements StrategyVersionDto {
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { short: 3, long: 24, smooth: 24 } }) params: Record<string, unknown>;
  @ApiProperty({ example: 'params', description: '`default`, `params` (an admin change) or `data revision …`' }) note: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) createdBy: string | null;
}

export class StrategyResponseDto implements StrategyDto {
  @ApiProperty({ example: 'cho' }) id: string;
  @ApiProperty({ example: 'Chaikin oscillator crossing zero' }) description: string;
  @ApiProperty({ type: [StrategyParamSpecResponseDto] }) paramSpecs: StrategyParamSpecResponseDto[];
  @ApiProperty({ type: 'object', additionalProperties: true, example: { short: 3, long: 24, smooth: 24 } }) defaultParams: Record<string, unknown>;
  @ApiProperty({ type: StrategyVersionResponseDto, description: 'the version new runs use (the latest)' }) active: StrategyVersionResponseDto;
  @ApiProperty({ type: [StrategyVersionResponseDto], description: 'every version, newest first' }) history: StrategyVersionResponseDto[];
  @ApiProperty({ type: [Number], example: [0, 1], description: 'VIP levels mapped to this strategy' }) levels: number[];
}

export class SignalRunStartedDto {
  @ApiProperty({ format: 'uuid', example: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f' }) id: string;
  @ApiProperty({ enum: JOB_STATUSES, example: 'queued' }) status: string;
}

export class SignalRunFailureResponseDto implements SignalRunFailureDto {
  @ApiProperty({ example: '600000.SH' }) tsCode: string;
  @ApiProperty({ example: 'high must be finite' }) message: string;
}

export class SignalRunResponseDto implements SignalRunDto {
  @ApiProperty({ format: 'uuid', example: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f' }) id: string;
  @ApiProperty({ example: '2026-02-27' }) tradeDate: string;
  @ApiProperty({ enum: JOB_STATUSES, example: 'done' }) status: JobStatus;
  @ApiProperty({ example: 50 }) total: number;
  @ApiProperty({ example: 50 }) processed: number;
  @ApiProperty({ example: 0 }) failed: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T10:00:01.000Z' }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T10:00:09.000Z' }) finishedAt: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, example: null }) message: string | null;
  @ApiProperty({ ...VERSIONS, description: '`{ strategyId: version }` computed by the run' }) strategies: Record<string, number>;
  @ApiProperty({ type: Number, nullable: true, example: 100, description: 'rows published (an identical re-run publishes none)' }) published: number | null;
  @ApiPropertyOptional({ type: [SignalRunFailureResponseDto], description: 'on GET /admin/signals/runs/:id only' }) failures?: SignalRunFailureResponseDto[];
}

export class SignalRunPageDto {
  @ApiProperty({ type: [SignalRunResponseDto] }) items: SignalRunResponseDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class SignalDayResponseDto implements SignalDayDto {
  @ApiProperty({ example: '2026-02-27' }) tradeDate: string;
  @ApiProperty({ enum: ['staging', 'published'], example: 'published' }) status: 'staging' | 'published';
  @ApiProperty({ example: 100 }) rowCount: number;
  @ApiProperty(VERSIONS) strategies: Record<string, number>;
  @ApiProperty({ type: Number, nullable: true, example: 12 }) seq: number | null;
  @ApiProperty({ type: String, nullable: true, example: HASH }) hash: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T10:00:09.000Z' }) publishedAt: string | null;
}

export class SignalDayPageDto {
  @ApiProperty({ type: [SignalDayResponseDto] }) items: SignalDayResponseDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class SignalBaselineResponseDto implements SignalBaselineDto {
  @ApiProperty({ example: 120 }) count: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.51 }) hitRate: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.002, description: 'fraction' }) meanReturn: number | null;
}

export class SignalStatsItemResponseDto implements SignalStatsItemDto {
  @ApiProperty({ example: 'cho' }) strategyId: string;
  @ApiProperty({ enum: SIGNAL_WINDOWS, example: 5 }) window: SignalWindow;
  @ApiProperty({ example: 120, description: 'BUY + SELL signals whose forward return is known' }) count: number;
  @ApiProperty({ example: 66 }) hits: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.55 }) hitRate: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.004, description: 'mean direction-adjusted forward return (fraction)' }) meanReturn: number | null;
  @ApiProperty({ type: SignalBaselineResponseDto }) baseline: SignalBaselineResponseDto;
}

export class SignalStatsResponseDto implements SignalStatsDto {
  @ApiProperty({ type: [SignalStatsItemResponseDto] }) items: SignalStatsItemResponseDto[];
}

export class IntervalResponseDto implements IntervalDto {
  @ApiProperty({ example: -0.003 }) low: number;
  @ApiProperty({ example: 0.011 }) high: number;
}

export class TrackRecordFiguresResponseDto implements TrackRecordFiguresDto {
  @ApiProperty({ example: 40 }) count: number;
  @ApiProperty({ example: 22 }) hits: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.55 }) hitRate: number | null;
  @ApiProperty({ type: IntervalResponseDto, nullable: true, description: 'Wilson 95 % interval' }) hitRateInterval: IntervalResponseDto | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.004, description: 'average direction-adjusted forward return (fraction)' }) meanReturn: number | null;
  @ApiProperty({ type: IntervalResponseDto, nullable: true, description: 'mean ± 1.96·sd/√n' }) meanReturnInterval: IntervalResponseDto | null;
  @ApiProperty({ type: SignalBaselineResponseDto }) baseline: SignalBaselineResponseDto;
  @ApiProperty({ enum: TRACK_RECORD_VERDICTS, example: 'no_better_than_random' }) verdict: TrackRecordVerdict;
}

export class TrackRecordWindowResponseDto implements TrackRecordWindowDto {
  @ApiProperty({ enum: SIGNAL_WINDOWS, example: 5 }) window: SignalWindow;
  @ApiProperty({ type: TrackRecordFiguresResponseDto, description: 'this stock’s signals' }) stock: TrackRecordFiguresResponseDto;
  @ApiProperty({ type: TrackRecordFiguresResponseDto, description: 'the strategy over all stocks' }) strategy: TrackRecordFiguresResponseDto;
}

export class MyTrackRecordResponseDto implements MyTrackRecordDto {
  @ApiProperty({ example: '600000.SH' }) tsCode: string;
  @ApiProperty({ example: 'cho' }) strategyId: string;
  @ApiProperty({ example: 10 }) minSamples: number;
  @ApiProperty({ type: [TrackRecordWindowResponseDto] }) windows: TrackRecordWindowResponseDto[];
}

export class ChainHeadResponseDto implements ChainHeadDto {
  @ApiProperty({ type: String, nullable: true, example: '2026-02-27' }) tradeDate: string | null;
  @ApiProperty({ example: HASH }) hash: string;
  @ApiProperty({ example: 61 }) days: number;
}

export class ChainVerifyResponseDto implements ChainVerifyDto {
  @ApiProperty({ example: true }) ok: boolean;
  @ApiProperty({ type: String, nullable: true, example: null }) brokenAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) reason: string | null;
  @ApiProperty({ example: 61 }) verifiedDays: number;
  @ApiProperty({ example: HASH }) head: string;
  @ApiProperty({ example: 61 }) days: number;
}

export class ChainDayRowResponseDto implements ChainRowDto {
  @ApiProperty({ example: '600000.SH' }) tsCode: string;
  @ApiProperty({ example: 'cho' }) strategyId: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ enum: ACTIONS, example: 'BUY' }) action: SignalActionName;
  @ApiProperty({ example: 0.42 }) score: number;
  @ApiProperty({ example: 10.25 }) close: number;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { values: { cho: 0.12 }, prev: { cho: -0.03 }, rulesFired: ['cho_cross_up'] } }) reasons: unknown;
  @ApiProperty({ example: 0 }) index: number;
  @ApiProperty({ example: '9f2c4a7e1b3d5f60' }) salt: string;
}

export class ChainDayResponseDto implements ChainDayDto {
  @ApiProperty({ example: '2026-02-27' }) tradeDate: string;
  @ApiProperty({ example: 61 }) seq: number;
  @ApiProperty({ example: HASH }) prevHash: string;
  @ApiProperty({ example: HASH }) hash: string;
  @ApiProperty({ example: HASH }) payloadHash: string;
  @ApiProperty({ example: 100 }) rowCount: number;
  @ApiProperty(VERSIONS) strategies: Record<string, number>;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:09.000Z' }) publishedAt: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'the canonical payload (admins only)' }) payload: string | null;
  @ApiProperty({ type: [String], example: [HASH] }) rowDigests: string[];
  @ApiProperty({ type: [ChainDayRowResponseDto], description: 'the rows the caller may see' }) rows: ChainDayRowResponseDto[];
}

export class SignalReasonsResponseDto implements SignalReasonsDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true }, example: { cho: 0.12 } }) values: Record<string, number | null>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true }, example: { cho: -0.03 } }) prev: Record<string, number | null>;
  @ApiProperty({ type: [String], example: ['cho_cross_up'] }) rulesFired: string[];
}

export class SignalForwardDto {
  @ApiProperty({ type: Number, nullable: true, example: 0.012 }) '1': number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.031 }) '5': number | null;
  @ApiProperty({ type: Number, nullable: true, example: null }) '10': number | null;
  @ApiProperty({ type: Number, nullable: true, example: null }) '20': number | null;
}

export class SignalResponseDto implements SignalDto {
  @ApiProperty({ example: '2026-02-27' }) tradeDate: string;
  @ApiProperty({ example: '600000.SH' }) tsCode: string;
  @ApiProperty({ example: 'cho' }) strategyId: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ enum: ACTIONS, example: 'BUY' }) action: SignalActionName;
  @ApiProperty({ example: 0.42 }) score: number;
  @ApiProperty({ example: 10.25 }) close: number;
  @ApiProperty({ type: SignalReasonsResponseDto }) reasons: SignalReasonsResponseDto;
  @ApiProperty({ type: SignalForwardDto, description: 'forward returns (fractions) by window; null while unknown' }) forward: SignalForwardDto;
  @ApiProperty({ example: true }) inChain: boolean;
}

export class MySignalsPageResponseDto implements MySignalsPageDto {
  @ApiProperty({ type: [SignalResponseDto] }) items: SignalResponseDto[];
  @ApiProperty({ example: 31 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
  @ApiProperty({ example: 'cho' }) strategyId: string;
}

export class StockFreshnessResponseDto implements StockFreshnessDto {
  @ApiProperty({ example: '600000.SH' }) tsCode: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-02-27' }) latestBarDate: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-02-27' }) expectedDate: string | null;
  @ApiProperty({ example: false }) stale: boolean;
  @ApiProperty({ example: false, description: 'some bars are synthetic demo data' }) synthetic: boolean;
}

export class MyFreshnessResponseDto implements MyFreshnessDto {
  @ApiProperty({ type: String, nullable: true, example: '2026-02-27' }) expectedDate: string | null;
  @ApiProperty({ type: [StockFreshnessResponseDto] }) items: StockFreshnessResponseDto[];
}

export class MyStockSignalSummaryResponseDto implements MyStockSignalSummaryDto {
  @ApiProperty({ example: '600000.SH' }) tsCode: string;
  @ApiProperty({ example: '浦发银行' }) name: string;
  @ApiProperty({ example: 'cho' }) strategyId: string;
  @ApiProperty({ example: 'Chaikin oscillator crossing zero' }) strategyDescription: string;
  @ApiProperty({ type: SignalResponseDto, nullable: true }) latest: SignalResponseDto | null;
  @ApiProperty({ type: StockFreshnessResponseDto }) freshness: StockFreshnessResponseDto;
}
