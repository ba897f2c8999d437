import type { EntityManager } from 'typeorm';

/** A level's stock quota changed (null = unlimited). */
export interface LevelQuotaChange {
  level: number;
  from: number | null;
  to: number | null;
}

/** Follow-up work recorded inside the quota change's transaction, to be started after its commit. */
export interface PreparedReallocation {
  jobId: string;
  /** Queues the job. Call after the commit; never throws (a failure is written to the job record). */
  start(): Promise<void>;
}

/**
 * What the members of a level get when its stock quota changes: their holdings are brought to the
 * new quota by a background job. The allocation module provides it (a class token from a global
 * module), so VIP does not import allocation; while
 * nothing provides it a quota change only takes effect at each member's next allocation trigger.
 *
 * Two steps because of the transaction: `prepare` runs inside the transaction that changes the
 * level, so the change, its audit entry and the job record commit or roll back together; the queue
 * is a different connection, so the job is queued only once the change is visible to its handler.
 */
export abstract class LevelQuotaReallocator {
  abstract prepare(m: EntityManager, change: LevelQuotaChange, operatorId: string | null): Promise<PreparedReallocation>;
}
