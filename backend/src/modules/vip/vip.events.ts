/** Emitted after a commit that changed a user's effective level (grant, expiry). Allocation listens. */
export const VIP_LEVEL_CHANGED = 'vip.level-changed';
/**
 * Emitted (awaited, `emitAsync`) after the commit that changed a level's strategy. Signals listens:
 * it starts the job computing the new strategy's signals and answers its id.
 */
export const VIP_LEVEL_STRATEGY_CHANGED = 'vip.level-strategy-changed';
export interface VipLevelStrategyChangedEvent {
  level: number;
  from: string;
  to: string;
  operatorId: string | null;
}

export interface VipLevelChangedEvent {
  userId: string;
  from: number;
  to: number;
}
