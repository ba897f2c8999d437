import { Injectable } from '@nestjs/common';
import { StrategyConfigService } from '../config/strategy-config.service.js';
import type { StrategyId } from '../strategies/types.js';

/**
 * The member's strategy for the member routes. (GET /me/stocks reads its latest signals in
 * allocation's read model, with the strategy from the entitlement: `servedStrategyId()`.)
 */
@Injectable()
export class SignalReadService {
  constructor(
    private readonly config: StrategyConfigService,
  ) {}

  /**
   * A member's strategy: their effective VIP level's. Callers pass the level they have already read
   * with the member's holdings (AllocationService.visibleStocks / myStocks), not read it again.
   */
  strategyForLevel(vipLevel: number): Promise<StrategyId> {
    return this.config.strategyForLevel(vipLevel);
  }
}
