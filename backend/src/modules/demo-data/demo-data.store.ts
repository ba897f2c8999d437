import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { advisoryXactLock } from '../../common/sql.js';

export const LEAVE_DEMO_LOCK = 'demo-data:leave';
/** The seeders' session lock (database/seeds/seed-runner.ts): held so no instance seeds in between. */
export const SEEDS_LOCK = 'zhice:seeds';

/**
 * The demo-data module owns no table: its only statements are the locks that make "leave demo mode"
 * exclusive (the rows go through each owner module's service, in the same transaction).
 */
@Injectable()
export class DemoDataStore {
  /** In the caller's transaction: one leave at a time, and no seeder running meanwhile (waits for both). */
  async lockForLeave(m: EntityManager): Promise<void> {
    await advisoryXactLock(m, LEAVE_DEMO_LOCK);
    await advisoryXactLock(m, SEEDS_LOCK);
  }
}
