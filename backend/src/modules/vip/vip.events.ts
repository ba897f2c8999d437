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

/**
 * Emitted (awaited, `emitAsync`) after the commit that changed a level's stock quota. The change's
 * transaction also wrote the follow-up job's record (kind `LEVEL_QUOTA_JOB`, params
 * `{ level, from, to }`, status queued); allocation listens, queues that job and runs it: every
 * member at the level is brought to the new quota. Nobody listening = the record stays queued.
 */
export const VIP_LEVEL_QUOTA_CHANGED = 'vip.level-quota-changed';
/** The job kind of a quota change's follow-up (run by allocation's processor). */
export const LEVEL_QUOTA_JOB = 'allocation.level-quota';
export interface VipLevelQuotaChangedEvent {
  level: number;
  /** Stock quotas before and after (null = unlimited). */
  from: number | null;
  to: number | null;
  /** The job record written in the change's transaction. */
  jobId: string;
}
