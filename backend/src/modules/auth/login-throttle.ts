import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows } from '../../common/sql.js';

/**
 * The lockout rule (README "Sign-in lockout"), per *source* = account + client IP, and per account:
 * - from one source: the 4th attempt after 3 failures needs a captcha; after 5 failures that source
 *   is locked out of that account for 15 minutes (the owner elsewhere is not);
 * - over all sources: after 10 failures every attempt needs a captcha; after 20 the account itself
 *   is locked for 15 minutes (a distributed guess), and that lock ends by itself.
 * A success from a source forgives the failures that had finished before it was attempted (its
 * source's and the account's), not attempts racing it: those keep their slots, so a burst that
 * contains the right password gets no fresh slots from it. Counters older than a day restart.
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
  /** How many of those failures had finished (password checked and wrong) when this slot was claimed. */
  finishedBefore: number;
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
   * expired lock or a counter untouched for a day starts again at 1. `failed_count` counts the
   * slots held (attempts in flight that passed or may pass the gate, and finished failures);
   * `finished_count` the finished failures among them.
   */
  async claim(subject: string, source: string, now: Date): Promise<Slot> {
    const rows = returnedRows<{ failed_count: number; finished_count: number; locked_until: Date | null }>(
      await this.dataSource.query(
        `INSERT INTO login_throttles AS t (subject, source, failed_count, finished_count, locked_until, updated_at) VALUES ($1, $2, 1, 0, NULL, $3)
         ON CONFLICT (subject, source) DO UPDATE SET
           failed_count = CASE WHEN t.locked_until <= $3 OR t.updated_at < $4 THEN 1 ELSE t.failed_count + 1 END,
           finished_count = CASE WHEN t.locked_until <= $3 OR t.updated_at < $4 THEN 0 ELSE t.finished_count END,
           locked_until = CASE WHEN t.locked_until <= $3 THEN NULL ELSE t.locked_until END,
           updated_at = $3
         RETURNING failed_count, finished_count, locked_until`,
        [subject, source, now, new Date(now.getTime() - FORGET_AFTER_MS)],
      ),
    );
    return { n: rows[0]!.failed_count, lockedUntil: rows[0]!.locked_until, finishedBefore: rows[0]!.finished_count };
  }

  /** Gives a slot back: the attempt stopped before its password was checked. */
  async release(subject: string, source: string): Promise<void> {
    await this.dataSource.query('UPDATE login_throttles SET failed_count = greatest(failed_count - 1, 0) WHERE subject = $1 AND source = $2', [subject, source]);
  }

  /** The password was wrong: the slot stays as a finished failure, and the lock (if any) is set. */
  async failed(subject: string, source: string, lockUntil: Date | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE login_throttles SET finished_count = least(finished_count + 1, failed_count),
         locked_until = CASE WHEN $3::timestamptz IS NULL THEN locked_until ELSE greatest(locked_until, $3::timestamptz) END
       WHERE subject = $1 AND source = $2`,
      [subject, source, lockUntil],
    );
  }

  /**
   * A success: the failures that had finished before this attempt claimed its slot are forgiven,
   * and its own slot is given back; attempts that raced it keep theirs (and a lock one of them set
   * stands). Old rows of anyone are swept.
   */
  async succeeded(subject: string, source: string, slot: Slot, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE login_throttles SET failed_count = greatest(failed_count - $3 - 1, 0), finished_count = greatest(finished_count - $3, 0),
         locked_until = CASE WHEN locked_until <= $4 THEN NULL ELSE locked_until END
       WHERE subject = $1 AND source = $2`,
      [subject, source, slot.finishedBefore, now],
    );
    await this.dataSource.query(
      'DELETE FROM login_throttles WHERE (updated_at < $1 OR (failed_count = 0 AND finished_count = 0)) AND (locked_until IS NULL OR locked_until < $2)',
      [new Date(now.getTime() - FORGET_AFTER_MS), now],
    );
  }

  /** Password reset or change by an admin: every counter of the account goes. */
  async clearAll(subject: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_throttles WHERE subject = $1', [subject]);
  }
}
