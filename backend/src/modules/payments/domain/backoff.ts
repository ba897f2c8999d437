/** Active-query back-off for pending orders and unsettled refunds: 1, 2, 5, 10, then every 30 min. */
export const QUERY_BACKOFF_MIN = [1, 2, 5, 10, 30] as const;

export function nextQueryDelayMs(attempts: number): number {
  const i = Math.min(Math.max(0, attempts), QUERY_BACKOFF_MIN.length - 1);
  return QUERY_BACKOFF_MIN[i]! * 60_000;
}
