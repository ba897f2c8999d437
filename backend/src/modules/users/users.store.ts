import { Injectable } from '@nestjs/common';
import type { Role } from '@zhice/shared';
import type { EntityManager } from 'typeorm';
import { likeContains, SqlParams, sqlWhere } from '../../common/list-query.js';
import { parseSort } from '../../common/pagination.js';
import { selectRows } from '../../common/sql.js';
import { USER_DEFAULT_SORT, USER_SORT_COLUMNS, USER_SORT_TIE_BREAKER } from './domain/list-sorts.js';
import type { ListUsersQueryDto } from './dto/list-users.query.js';
import { User } from './entities/user.entity.js';

/** Who is calling (the auth guard's read): a plain row, no password hash. */
export type Principal = Pick<User, 'id' | 'username' | 'role' | 'status' | 'tokenVersion' | 'mustChangePassword'>;

/**
 * An extra condition for the admin list from another module, on the alias `u` (the VIP module's
 * effective-level filter), with its named parameters (`:name`, bound in place).
 */
export interface UserListCondition {
  where: string;
  params: Record<string, unknown>;
}

/** The admin list's filters, sort and page (the effective-level filter comes as a `UserListCondition`). */
export type UserListFilter = Omit<ListUsersQueryDto, 'vipLevel'>;

/** A `users` row as the `User` entity has it (alias `u`). */
const USER_COLUMNS = `u.id, u.username, u.email, u.email_verified_at AS "emailVerifiedAt", u.password_hash AS "passwordHash", u.role, u.status,
  u.failed_login_count AS "failedLoginCount", u.locked_until AS "lockedUntil", u.parent_id AS "parentId",
  u.must_change_password AS "mustChangePassword", u.token_version AS "tokenVersion", u.risk_ack_at AS "riskAckAt",
  u.risk_ack_version AS "riskAckVersion", u.created_at AS "createdAt", u.updated_at AS "updatedAt"`;

/** Every SQL statement of the users module (`users`); the caller's manager first; rows are the `User` entity or a named pick of it. */
@Injectable()
export class UsersStore {
  byId(m: EntityManager, id: string): Promise<User | null> {
    return m.findOneBy(User, { id });
  }

  /** Four columns by primary key, as a plain row (hydrating the entity was a tenth of a read's CPU). */
  async principal(m: EntityManager, id: string): Promise<Principal | null> {
    // On every authenticated request (AuthGuard): straight on the pool (common/sql.ts selectRows).
    const rows = await selectRows<Principal>(
      m,
      'SELECT id, username, role, status, token_version AS "tokenVersion", must_change_password AS "mustChangePassword" FROM users WHERE id = $1',
      [id],
    );
    return rows[0] ?? null;
  }

  /** Id and role of the user, the row locked FOR UPDATE; null when there is none. */
  async lockRole(m: EntityManager, id: string): Promise<Pick<User, 'id' | 'role'> | null> {
    const rows: Array<Pick<User, 'id' | 'role'>> = await m.query('SELECT id, role FROM users WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] ?? null;
  }

  /** The whole row locked FOR UPDATE; null when there is none. */
  lockById(m: EntityManager, id: string): Promise<User | null> {
    return m.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async usernamesByIds(m: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    const rows: Array<{ id: string; username: string }> = await m.query('SELECT id, username FROM users WHERE id = ANY($1::uuid[])', [[...ids]]);
    return new Map(rows.map((r) => [r.id, r.username]));
  }

  /** Login by username or e-mail, both case-insensitively; a username match wins over an e-mail match. */
  async byLogin(m: EntityManager, login: string): Promise<User | null> {
    const rows: User[] = await m.query(
      `SELECT ${USER_COLUMNS} FROM users u WHERE lower(u.username) = lower($1) OR lower(u.email) = lower($1)
        ORDER BY CASE WHEN lower(u.username) = lower($1) THEN 0 ELSE 1 END LIMIT 1`,
      [login],
    );
    return rows[0] ?? null;
  }

  async byEmail(m: EntityManager, email: string): Promise<User | null> {
    const rows: User[] = await m.query(`SELECT ${USER_COLUMNS} FROM users u WHERE lower(u.email) = lower($1) LIMIT 1`, [email]);
    return rows[0] ?? null;
  }

  /** Users holding this username or this e-mail (case-insensitively): username and e-mail only. */
  holdersOf(m: EntityManager, username: string, email: string | null): Promise<Array<Pick<User, 'username' | 'email'>>> {
    return m.query('SELECT u.username, u.email FROM users u WHERE lower(u.username) = lower($1) OR (u.email IS NOT NULL AND lower(u.email) = lower($2))', [
      username,
      email ?? '',
    ]);
  }

  /** Another user has this e-mail (case-insensitively). */
  async emailTakenByOther(m: EntityManager, email: string, userId: string): Promise<boolean> {
    const rows: Array<{ taken: boolean }> = await m.query('SELECT EXISTS (SELECT 1 FROM users x WHERE lower(x.email) = lower($1) AND x.id <> $2) AS taken', [email, userId]);
    return rows[0]?.taken === true;
  }

  countByRole(m: EntityManager, role: Role): Promise<number> {
    return m.countBy(User, { role });
  }

  /**
   * Admin list: `q` in username or e-mail, role, status, the caller's `extra` condition; sorted by
   * createdAt (default, newest first), username or e-mail with the id as tie-breaker; a page and the total.
   */
  async listPage(m: EntityManager, q: UserListFilter, extra?: UserListCondition): Promise<{ rows: User[]; total: number }> {
    const p = new SqlParams();
    const where = sqlWhere([
      q.q && `(u.username ILIKE ${p.add(likeContains(q.q))} OR u.email ILIKE ${p.add(likeContains(q.q))})`,
      q.role && `u.role = ${p.add(q.role)}`,
      q.status && `u.status = ${p.add(q.status)}`,
      extra && `(${bindNamed(extra, p)})`,
    ]);
    const counted: Array<{ n: number }> = await m.query(`SELECT count(*)::int AS n FROM users u ${where}`, p.values);
    const sort = parseSort(q.sort, USER_SORT_COLUMNS, USER_DEFAULT_SORT);
    const rows: User[] = await m.query(`SELECT ${USER_COLUMNS} FROM users u ${where} ORDER BY ${sort.column} ${sort.dir}, ${USER_SORT_TIE_BREAKER} ${p.page(q)}`, p.values);
    return { rows, total: counted[0]?.n ?? 0 };
  }

  // ---- writes ----------------------------------------------------------------------------------

  insert(m: EntityManager, fields: Omit<User, 'id' | 'createdAt' | 'updatedAt'>): Promise<User> {
    return m.save(m.create(User, fields));
  }

  /** Writes the changed columns of a row read in this transaction. */
  save(m: EntityManager, user: User): Promise<User> {
    return m.save(user);
  }

  async bumpTokenVersion(m: EntityManager, userId: string): Promise<void> {
    await m.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [userId]);
  }

  async setMustChangePassword(m: EntityManager, userId: string, value: boolean): Promise<void> {
    await m.query('UPDATE users SET must_change_password = $2 WHERE id = $1', [userId, value]);
  }

  /** A new password hash; with `clearLockout` the failed-login count and lock end too. */
  async setPasswordHash(m: EntityManager, userId: string, passwordHash: string, clearLockout: boolean): Promise<void> {
    await m.update(User, { id: userId }, clearLockout ? { passwordHash, failedLoginCount: 0, lockedUntil: null } : { passwordHash });
  }

  async markEmailVerified(m: EntityManager, userId: string, at: Date): Promise<void> {
    await m.update(User, { id: userId }, { emailVerifiedAt: at });
  }

  /** Records the risk acknowledgement unless one is recorded already (a repeat keeps the first). */
  async acknowledgeRisk(m: EntityManager, userId: string, at: Date, version: string): Promise<void> {
    await m.query('UPDATE users SET risk_ack_at = $2, risk_ack_version = $3, updated_at = CURRENT_TIMESTAMP WHERE id = $1 AND risk_ack_at IS NULL', [userId, at, version]);
  }
}

/** The condition's text with each `:name` bound through `p` (casts `::type` left alone). */
function bindNamed(c: UserListCondition, p: SqlParams): string {
  return c.where.replace(/(?<![:\w]):([A-Za-z_]\w*)/g, (_, name: string) => {
    if (!Object.hasOwn(c.params, name)) throw new Error(`UserListCondition: no value for :${name}`);
    return p.add(c.params[name]);
  });
}
