import { ApiProperty } from '@nestjs/swagger';
import type {
  BarsAdjust,
  CalendarCoverageDayDto,
  CalendarCoverageDto,
  DataSourceBreakerDto,
  DataSourceBreakerState,
  DataSourceConfiguredDto,
  DataSourceEntryDto,
  DataSourceState,
  DataSourceSwitchLogDto,
  MarketBarDto,
  MarketBarsDto,
  MarketSyncDto,
} from '@zhice/shared';

/** Response shapes of the market-data routes (OpenAPI), implementing the `@zhice/shared` types. */

const STATES = ['healthy', 'degraded', 'down', 'disabled'];
const BREAKER_STATES = ['closed', 'open', 'half_open'];

export class DataSourceBreakerResponseDto implements DataSourceBreakerDto {
  @ApiProperty({ example: 'tushare:daily', description: '`tushare` (whole provider) or `tushare:daily` (one upstream API)' }) key: string;
  @ApiProperty({ type: String, nullable: true, example: 'daily' }) api: string | null;
  @ApiProperty({ enum: BREAKER_STATES, example: 'closed' }) state: DataSourceBreakerState;
  @ApiProperty({ example: 0 }) consecutiveFailures: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) openedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) retryAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) reason: string | null;
}

export class DataSourceConfiguredResponseDto implements DataSourceConfiguredDto {
  @ApiProperty({ example: true }) tokenSet: boolean;
  @ApiProperty({ example: true }) urlSet: boolean;
  @ApiProperty({ example: false }) fromEnv: boolean;
  @ApiProperty({ example: false }) tokenFromEnv: boolean;
  @ApiProperty({ example: false }) urlFromEnv: boolean;
  @ApiProperty({ example: true }) takesToken: boolean;
  @ApiProperty({ example: true }) takesUrl: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'http://api.tushare.pro' }) urlDisplay: string | null;
}

export class DataSourceEntryResponseDto implements DataSourceEntryDto {
  @ApiProperty({ example: 'tushare' }) name: string;
  @ApiProperty({ example: true }) enabled: boolean;
  @ApiProperty({ example: 1, description: '1 = tried first' }) priority: number;
  @ApiProperty({ enum: STATES, example: 'healthy' }) state: DataSourceState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T10:00:00.000Z' }) lastCheckAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: '`kind: message` of the latest failure' }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) lastErrorAt: string | null;
  @ApiProperty({ example: 120 }) calls: number;
  @ApiProperty({ example: 2 }) failures: number;
  @ApiProperty({ example: 0 }) rateLimited: number;
  @ApiProperty({ type: Number, nullable: true, example: 180 }) p50Ms: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T10:00:00.000Z' }) lastSuccessAt: string | null;
  @ApiProperty({ enum: BREAKER_STATES, example: 'closed', description: 'worst breaker state of the provider and its APIs' }) breaker: DataSourceBreakerState;
  @ApiProperty({ type: [DataSourceBreakerResponseDto] }) breakers: DataSourceBreakerResponseDto[];
  @ApiProperty({ example: false, description: 'synthetic demo data: label it wherever it shows' }) synthetic: boolean;
  @ApiProperty({ example: true }) bulkByTradeDate: boolean;
  @ApiProperty({ type: DataSourceConfiguredResponseDto }) configured: DataSourceConfiguredResponseDto;
}

export class DataSourceSwitchLogResponseDto implements DataSourceSwitchLogDto {
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' }) at: string;
  @ApiProperty({ example: 'tushare' }) from: string;
  @ApiProperty({ example: 'akshare' }) to: string;
  @ApiProperty({ example: 'tushare:daily rate_limited' }) reason: string;
  @ApiProperty({ example: 'daily' }) operation: string;
}

export class DataSourceSwitchLogPageDto {
  @ApiProperty({ type: [DataSourceSwitchLogResponseDto] }) items: DataSourceSwitchLogResponseDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class MarketSyncResponseDto implements MarketSyncDto {
  @ApiProperty({ format: 'uuid', example: '7d1c2f0e-3b9a-4f3e-9a51-2f1f6a1c9b10' }) id: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'], example: 'done' }) status: MarketSyncDto['status'];
  @ApiProperty({ example: '2026-02-02' }) from: string;
  @ApiProperty({ example: '2026-02-27' }) to: string;
  @ApiProperty({ example: 19, description: 'trade dates' }) total: number;
  @ApiProperty({ example: 19 }) processed: number;
  @ApiProperty({ example: 0 }) failed: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { tushare: 19, akshare: 0 } }) callsBySource: Record<string, number>;
  @ApiProperty({ example: 0, description: 'rows refused by the quality check' }) rejected: number;
  @ApiProperty({ example: 0 }) perStockDates: number;
  @ApiProperty({ example: false }) synthetic: boolean;
  @ApiProperty({ example: 950 }) barsWritten: number;
  @ApiProperty({ example: 0 }) barsReplaced: number;
  @ApiProperty({ example: 0 }) barsMissing: number;
  @ApiProperty({ type: String, nullable: true, example: null }) message: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T10:00:01.000Z' }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T10:00:30.000Z' }) finishedAt: string | null;
}

export class MarketSyncPageDto {
  @ApiProperty({ type: [MarketSyncResponseDto] }) items: MarketSyncResponseDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class CalendarCoverageDayResponseDto implements CalendarCoverageDayDto {
  @ApiProperty({ example: '2026-02-27' }) date: string;
  @ApiProperty({ example: 5000 }) rows: number;
  @ApiProperty({ example: true }) complete: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'tushare' }) source: string | null;
}

export class CalendarCoverageResponseDto implements CalendarCoverageDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ example: 243 }) tradingDays: number;
  @ApiProperty({ type: [CalendarCoverageDayResponseDto] }) days: CalendarCoverageDayResponseDto[];
}

export class MarketBarResponseDto implements MarketBarDto {
  @ApiProperty({ example: '2026-02-27' }) tradeDate: string;
  @ApiProperty({ example: 10.1 }) open: number;
  @ApiProperty({ example: 10.45 }) high: number;
  @ApiProperty({ example: 10.02 }) low: number;
  @ApiProperty({ example: 10.38 }) close: number;
  @ApiProperty({ example: 35_120_000, description: 'shares' }) volume: number;
  @ApiProperty({ example: 364_545_600, description: 'yuan' }) amount: number;
}

export class MarketBarsResponseDto implements MarketBarsDto {
  @ApiProperty({ example: '600000.SH' }) tsCode: string;
  @ApiProperty({ enum: ['qfq', 'none'], example: 'qfq' }) adjust: BarsAdjust;
  @ApiProperty({ example: false, description: 'some bars are synthetic demo data' }) synthetic: boolean;
  @ApiProperty({ type: [MarketBarResponseDto] }) items: MarketBarResponseDto[];
}
