import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { likeContains, SqlParams, sqlOrderBy, sqlWhere } from '../../common/list-query.js';
import { returnedRows } from '../../common/sql.js';
import { LOGIN_LOG_SORT } from './domain/list-sorts.js';
import type { ListLoginLogsQueryDto } from './dto/auth.dto.js';
import { AuthLink } from './entities/auth-link.entity.js';
import { Captcha } from './entities/captcha.entity.js';
import { LoginLog } from './entities/login-log.entity.js';
import { LoginThrottle } from './entities/login-throttle.entity.js';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { FORGET_AFTER_MS, type Slot } from './login-throttle.js';

export type NewLoginLog = Omit<LoginLog, 'id'>;
export type NewRefreshToken = Pick<RefreshToken, 'id' | 'userId' | 'familyId' | 'secretHash' | 'expiresAt' | 'usedAt' | 'revokedAt' | 'ip' | 'userAgent'>;
export type NewAuthLink = Pick<AuthLink, 'id' | 'userId' | 'purpose' | 'email' | 'expiresAt' | 'usedAt'>;

/**
 * Every SQL statement of the auth module (tables `refresh_tokens`, `auth_links`, `login_logs`,
 * `captchas`, `login_throttles`), the transaction (or the data source's manager) first. The rules
 * (lockout verdicts, token rotation, link checks) stay in the services.
 */
@Injectable()
export class AuthStore {
  // ---- registration ---------------------------------------------------------------------------

  /** Serialises creations of the same name, then of the same e-mail (always in this order). */
  async lockRegistration(m: EntityManager, username: string, email: string | null): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext(lower($1)))', [username]);
    if (email) await m.query('SELECT pg_advisory_xact_lock(1, hashtext(lower($1)))', [email]);
  }

  // ---- login log ------------------------------------------------------------------------------

  async insertLoginLog(m: EntityManager, row: NewLoginLog): Promise<void> {
    await m.insert(LoginLog, row);
  }

  /** A page of the login log (filters of the admin list; `username` matches a substring). */
  async listLoginLogs(m: EntityManager, q: ListLoginLogsQueryDto): Promise<[LoginLog[], number]> {
    const p = new SqlParams();
    const where = sqlWhere([
      q.username && `l.username ILIKE ${p.add(likeContains(q.username))}`,
      q.userId && `l.user_id = ${p.add(q.userId, 'uuid')}`,
      q.result && `l.result = ${p.add(q.result)}`,
      q.from && `l.at >= ${p.add(new Date(q.from), 'timestamptz')}`,
      q.to && `l.at <= ${p.add(new Date(q.to), 'timestamptz')}`,
    ]);
    const counted: Array<{ n: number }> = await m.query(`SELECT count(*)::int AS n FROM login_logs l ${where}`, p.values);
    const rows: LoginLog[] = await m.query(
      `SELECT l.id, l.at, l.user_id AS "userId", l.username, l.ip, l.user_agent AS "userAgent", l.result
         FROM login_logs l ${where} ${sqlOrderBy(q.sort, LOGIN_LOG_SORT)} ${p.page(q)}`,
      p.values,
    );
    return [rows, counted[0]?.n ?? 0];
  }

  // ---- signed links (e-mail verification, password reset) ------------------------------------

  async insertLink(m: EntityManager, link: NewAuthLink): Promise<void> {
    await m.insert(AuthLink, link);
  }

  /** The link row, locked until the transaction ends (a link is used once). */
  linkForUpdate(m: EntityManager, id: string): Promise<AuthLink | null> {
    return m.findOne(AuthLink, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markLinkUsed(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.update(AuthLink, { id }, { usedAt: at });
  }

  /** Unused password-reset links of the user stop working. */
  async invalidateResetLinks(m: EntityManager, userId: string, at: Date): Promise<void> {
    await m.query(`UPDATE auth_links SET used_at = $2 WHERE user_id = $1 AND purpose = 'reset_password' AND used_at IS NULL`, [userId, at]);
  }

  // ---- refresh tokens ---------------------------------------------------------------------------

  async insertRefreshToken(m: EntityManager, row: NewRefreshToken): Promise<void> {
    await m.insert(RefreshToken, row);
  }

  refreshToken(m: EntityManager, id: string): Promise<RefreshToken | null> {
    return m.findOneBy(RefreshToken, { id });
  }

  /** The token row, locked until the transaction ends (rotation uses it once). */
  refreshTokenForUpdate(m: EntityManager, id: string): Promise<RefreshToken | null> {
    return m.findOne(RefreshToken, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markRefreshTokenUsed(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.update(RefreshToken, { id }, { usedAt: at });
  }

  /** Revokes every live token of the user outside `keepFamilyId` (null: all of them). */
  async revokeUserTokens(m: EntityManager, userId: string, keepFamilyId: string | null, at: Date): Promise<void> {
    await m.query(`UPDATE refresh_tokens SET revoked_at = $3 WHERE user_id = $1 AND family_id IS DISTINCT FROM $2 AND revoked_at IS NULL`, [userId, keepFamilyId, at]);
  }

  /** Revokes a family's live tokens; the owner's id when any was live, else null. */
  async revokeFamily(m: EntityManager, familyId: string, at: Date): Promise<string | null> {
    const rows = returnedRows<{ user_id: string }>(await m.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL RETURNING user_id`, [familyId, at]));
    return rows[0]?.user_id ?? null;
  }

  // ---- captchas ---------------------------------------------------------------------------------

  /** Stores a captcha and sweeps expired ones (housekeeping on the write path, no separate job). */
  async insertCaptcha(m: EntityManager, row: Pick<Captcha, 'id' | 'answerHash' | 'expiresAt'>, now: Date): Promise<void> {
    await m.insert(Captcha, row);
    await m.query('DELETE FROM captchas WHERE expires_at < $1', [now]);
  }

  /** Takes the captcha out (single use, right or wrong): its answer hash and expiry, or null. */
  async takeCaptcha(m: EntityManager, id: string): Promise<{ answerHash: string; expiresAt: Date } | null> {
    const rows = returnedRows<{ answerHash: string; expiresAt: Date }>(await m.query('DELETE FROM captchas WHERE id = $1 RETURNING answer_hash AS "answerHash", expires_at AS "expiresAt"', [id]));
    return rows[0] ?? null;
  }

  // ---- failed-login counters (README "Sign-in lockout"; the rule is in login-throttle.ts) -------

  /**
   * Counts this attempt as a failure in advance with one atomic upsert and returns its slot; an
   * expired lock or a counter untouched for a day starts again at 1. `failed_count` counts the
   * slots held (attempts in flight that passed or may pass the gate, and finished failures);
   * `finished_count` the finished failures among them.
   */
  async claimSlot(m: EntityManager, subject: string, source: string, now: Date): Promise<Slot> {
    const rows = returnedRows<{ n: number; finishedBefore: number; lockedUntil: Date | null }>(
      await m.query(
        `INSERT INTO login_throttles AS t (subject, source, failed_count, finished_count, locked_until, updated_at) VALUES ($1, $2, 1, 0, NULL, $3)
         ON CONFLICT (subject, source) DO UPDATE SET
           failed_count = CASE WHEN t.locked_until <= $3 OR t.updated_at < $4 THEN 1 ELSE t.failed_count + 1 END,
           finished_count = CASE WHEN t.locked_until <= $3 OR t.updated_at < $4 THEN 0 ELSE t.finished_count END,
           locked_until = CASE WHEN t.locked_until <= $3 THEN NULL ELSE t.locked_until END,
           updated_at = $3
         RETURNING failed_count AS n, finished_count AS "finishedBefore", locked_until AS "lockedUntil"`,
        [subject, source, now, new Date(now.getTime() - FORGET_AFTER_MS)],
      ),
    );
    return rows[0]!;
  }

  /** Gives a slot back: the attempt stopped before its password was checked. */
  async releaseSlot(m: EntityManager, subject: string, source: string): Promise<void> {
    await m.query('UPDATE login_throttles SET failed_count = greatest(failed_count - 1, 0) WHERE subject = $1 AND source = $2', [subject, source]);
  }

  /** The password was wrong: the slot stays as a finished failure, and the lock (if any) is set. */
  async slotFailed(m: EntityManager, subject: string, source: string, lockUntil: Date | null): Promise<void> {
    await m.query(
      `UPDATE login_throttles SET finished_count = least(finished_count + 1, failed_count),
         locked_until = CASE WHEN $3::timestamptz IS NULL THEN locked_until ELSE greatest(locked_until, $3::timestamptz) END
       WHERE subject = $1 AND source = $2`,
      [subject, source, lockUntil],
    );
  }

  /**
   * A success: the failures that had finished before this attempt claimed its slot are forgiven,
   * and its own slot is given back; attempts that raced it keep theirs (and a lock one of them set
   * stands). The row goes when nothing is left in it.
   */
  async slotSucceeded(m: EntityManager, subject: string, source: string, slot: Slot, now: Date): Promise<void> {
    await m.query(
      `UPDATE login_throttles SET failed_count = greatest(failed_count - $3 - 1, 0), finished_count = greatest(finished_count - $3, 0),
         locked_until = CASE WHEN locked_until <= $4 THEN NULL ELSE locked_until END
       WHERE subject = $1 AND source = $2`,
      [subject, source, slot.finishedBefore, now],
    );
    await m.query('DELETE FROM login_throttles WHERE subject = $1 AND source = $2 AND failed_count = 0 AND finished_count = 0 AND locked_until IS NULL', [subject, source]);
  }

  /** Counters untouched for a day (and not locked) are swept (index on updated_at). */
  async sweepThrottles(m: EntityManager, now: Date): Promise<void> {
    await m.query('DELETE FROM login_throttles WHERE updated_at < $1 AND (locked_until IS NULL OR locked_until < $2)', [new Date(now.getTime() - FORGET_AFTER_MS), now]);
  }

  /** Password reset or change by an admin: every counter of the account goes. */
  async clearThrottles(m: EntityManager, subject: string): Promise<void> {
    await m.delete(LoginThrottle, { subject });
  }
}
