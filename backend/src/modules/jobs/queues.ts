/** Queue names, one per area of background work. A module adds its queue here. */
export const QUEUES = {
  vip: 'vip',
  allocation: 'allocation',
  marketData: 'market-data',
  signals: 'signals',
  /** Mails whose sending must not show in the answer's timing (password reset). */
  mail: 'mail',
  payments: 'payments',
  ledger: 'ledger',
  cardKeys: 'card-keys',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);

/** Retry policy as data: transient failures retry with exponential backoff; handlers are idempotent. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential' as const, delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
