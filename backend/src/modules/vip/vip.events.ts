/** Emitted after a commit that changed a user's effective level (grant, expiry). Allocation listens. */
export const VIP_LEVEL_CHANGED = 'vip.level-changed';
export interface VipLevelChangedEvent {
  userId: string;
  from: number;
  to: number;
}
