import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows } from '../../common/sql.js';

/**
 * The lockout rule (README "Sign-in lockout"), per *source* = account + client IP, and per account:
 * - from one source: the 4th attempt after 3 failures needs a captcha; after 5 failures that source
 *   is locked out of that account for 15 minutes (the owner elsewhere is not);
 * - over all sources: after 10 failures every attempt needs a captcha; after 20 the account itself
 *   is locked for 15 minutes (a distributed guess), and that lock ends by itself.
 * A success from a source clears its counter and the account's. Counters older than a day restart.
 */
export const CAPTCHA_AFTER_FAILURES = 3;
export const LOCK_AFTER_FAILURES = 5;
export const ACCOUNT_CAPTCHA_AFTER_FAILURES = 10;
export const ACCOUNT_LOCK_AFTER_FAILURES = 20;
export const LOCK_MS = 15 * 60_000;
export const FORGET_AFTER_MS = 24 * 3600_000;
export const ACCOUNT_SOURCE = '*';

export interface Slot {
  /** This attempt's number among the failures counted so far (this one included). */
  n: number;
  lockedUntil: Date | null;
}

export type Verdict =
  | { kind: 'locked'; lockedUntil: Date }
  | { kind: 'captcha' }
  | { kind: 'free' };

/** Pure: what an attempt holding these slots may do before its password is checked. */
export function verdictFor(source: Slot, account: Slot, now: Date): Verdict {
  const locks = [source.lockedUntil, account.lockedUntil].filter((d): d is Date => !!d && d > now);
  if (locks.length) return { kind: 'locked', lockedUntil: new Date(Math.max(...locks.map((d) => d.getTime()))) };
  // More attempts in flight than the rule allows: the ones past the limit are refused as locked,
  // whatever the order in which they finish.
  if (source.n > LOCK_AFTER_FAILURES || account.n > ACCOUNT_LOCK_AFTER_FAILURES) return { kind: 'locked', lockedUntil: new Date(now.getTime() + LOCK_MS) };
  if (source.n > CAPTCHA_AFTER_FAILURES || account.n > ACCOUNT_CAPTCHA_AFTER_FAILURES) return { kind: 'captcha' };
  return { kind: 'free' };
}

/** All SQL of the failed-login counters (table `login_throttles`, auth module). */
@Injectable()
export class LoginThrottleStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts this attempt as a failure in advance with one atomic upsert and returns its slot; an
   * expired lock or a counter untouched for a day starts again at 1.
   */
  async claim(subject: string, source: string, now: Date): Promise<Slot> {
    const rows = returnedRows<{ failed_count: number; locked_until: Date | null }>(
      await this.dataSource.query(
        `INSERT INTO login_throttles (subject, source, failed_count, locked_until, updated_at) VALUES ($1, $2, 1, NULL, $3)
         ON CONFLICT (subject, source) DO UPDATE SET
           failed_count = CASE WHEN login_throttles.locked_until <= $3 OR login_throttles.updated_at < $4 THEN 1 ELSE login_throttles.failed_count + 1 END,
           locked_until = CASE WHEN login_throttles.locked_until <= $3 THEN NULL ELSE login_throttles.locked_until END,
           updated_at = $3
         RETURNING failed_count, locked_until`,
        [subject, source, now, new Date(now.getTime() - FORGET_AFTER_MS)],
      ),
    );
    return { n: rows[0]!.failed_count, lockedUntil: rows[0]!.locked_until };
  }

  /** Gives a slot back: the attempt stopped before its password was checked. */
  async release(subject: string, source: string): Promise<void> {
    await this.dataSource.query('UPDATE login_throttles SET failed_count = greatest(failed_count - 1, 0) WHERE subject = $1 AND source = $2', [subject, source]);
  }

  async lock(subject: string, source: string, until: Date): Promise<void> {
    await this.dataSource.query('UPDATE login_throttles SET locked_until = greatest(locked_until, $3) WHERE subject = $1 AND source = $2', [subject, source, until]);
  }

  /** A success: this source's and the account's counters go; old rows of anyone are swept. */
  async clear(subject: string, sources: string[], now: Date): Promise<void> {
    await this.dataSource.query('DELETE FROM login_throttles WHERE subject = $1 AND source = ANY($2)', [subject, sources]);
    await this.dataSource.query('DELETE FROM login_throttles WHERE updated_at < $1 AND (locked_until IS NULL OR locked_until < $2)', [new Date(now.getTime() - FORGET_AFTER_MS), now]);
  }

  /** Password reset or change by an admin: every counter of the account goes. */
  async clearAll(subject: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_throttles WHERE subject = $1', [subject]);
  }
}
