import { Injectable } from '@nestjs/common';
import type { MyTrackRecordDto, SignalStatsItemDto, TrackRecordFiguresDto, TrackRecordWindowDto } from '@zhice/shared';
import { AppException } from '../../../common/app-exception.js';
import type { AuthUser } from '../../../common/auth.decorators.js';
import { AllocationService } from '../../allocation/allocation.service.js';
import { MIN_TRACK_SAMPLES, meanInterval, trackRecordVerdict, wilsonInterval } from '../domain/track-record.js';
import { SignalReadService } from '../member/signal-read.service.js';
import { SignalStatsService } from './stats.service.js';

/**
 * GET /me/signals/track-record?tsCode — the member's record for one of their own stocks next to
 * their strategy's over all stocks, per window: count, hit rate (Wilson interval), average return
 * (mean ± 1.96·sd/√n), the random-pick baseline and a verdict (domain/track-record.ts).
 * Only the caller's own stocks (issue 10 item 3): another stock is 403 STOCK_NOT_OWNED.
 */
@Injectable()
export class TrackRecordService {
  constructor(
    private readonly stats: SignalStatsService,
    private readonly allocations: AllocationService,
    private readonly reads: SignalReadService,
  ) {}

  async forMember(user: AuthUser, tsCode: string): Promise<MyTrackRecordDto> {
    const { codes, vipLevel } = await this.allocations.visibleStocks(user.id);
    if (!codes.includes(tsCode)) throw AppException.forbidden('STOCK_NOT_OWNED', 'You can only see signals of stocks you hold');
    const strategyId = await this.reads.strategyForLevel(vipLevel);
    const [stock, strategy] = await Promise.all([this.stats.figures(strategyId, tsCode), this.stats.figures(strategyId, null)]);
    const windows: TrackRecordWindowDto[] = stock.map((s) => ({
      window: s.window,
      stock: toFigures(s),
      strategy: toFigures(strategy.find((x) => x.window === s.window)!),
    }));
    return { tsCode, strategyId, minSamples: MIN_TRACK_SAMPLES, windows };
  }
}

function toFigures(s: SignalStatsItemDto & { sdReturn: number | null }): TrackRecordFiguresDto {
  return {
    count: s.count,
    hits: s.hits,
    hitRate: s.hitRate,
    hitRateInterval: wilsonInterval(s.hits, s.count),
    meanReturn: s.meanReturn,
    meanReturnInterval: meanInterval(s.meanReturn, s.sdReturn, s.count),
    baseline: s.baseline,
    verdict: trackRecordVerdict({ count: s.count, meanReturn: s.meanReturn, sdReturn: s.sdReturn, baselineMeanReturn: s.baseline.meanReturn }),
  };
}
