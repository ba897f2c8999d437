import { Injectable } from '@nestjs/common';
import type { Role } from '@zhice/shared';
import { Brackets, type EntityManager } from 'typeorm';
import { pageOffset, parseSort } from '../../common/pagination.js';
import { selectRows } from '../../common/sql.js';
import type { ListUsersQueryDto } from './dto/list-users.query.js';
import { User } from './entities/user.entity.js';

/** Who is calling (the auth guard's read): a plain row, no password hash. */
export type Principal = Pick<User, 'id' | 'username' | 'role' | 'status' | 'tokenVersion' | 'mustChangePassword'>;

/**
 * An extra condition for the admin list from another module, on the alias `u` (the VIP module's
 * effective-level filter), with its named parameters.
 */
export interface UserListCondition {
  where: string;
  params: Record<string, unknown>;
}

/** The admin list's filters, sort and page (the effective-level filter comes as a `UserListCondition`). */
export type UserListFilter = Omit<ListUsersQueryDto, 'vipLevel'>;

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
  byLogin(m: EntityManager, login: string): Promise<User | null> {
    return m
      .createQueryBuilder(User, 'u')
      .where('lower(u.username) = lower(:login) OR lower(u.email) = lower(:login)', { login })
      .orderBy('CASE WHEN lower(u.username) = lower(:login) THEN 0 ELSE 1 END')
      .getOne();
  }

  byEmail(m: EntityManager, email: string): Promise<User | null> {
    return m.createQueryBuilder(User, 'u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  /** Users holding this username or this e-mail (case-insensitively): username and e-mail only. */
  holdersOf(m: EntityManager, username: string, email: string | null): Promise<Array<Pick<User, 'username' | 'email'>>> {
    return m
      .createQueryBuilder(User, 'u')
      .select(['u.username', 'u.email'])
      .where('lower(u.username) = lower(:username)', { username })
      .orWhere('u.email IS NOT NULL AND lower(u.email) = lower(:email)', { email: email ?? '' })
      .getMany();
  }

  /** Another user has this e-mail (case-insensitively). */
  async emailTakenByOther(m: EntityManager, email: string, userId: string): Promise<boolean> {
    return (await m.createQueryBuilder(User, 'x').where('lower(x.email) = lower(:e) AND x.id <> :id', { e: email, id: userId }).getCount()) > 0;
  }

  countByRole(m: EntityManager, role: Role): Promise<number> {
    return m.countBy(User, { role });
  }

  /**
   * Admin list: `q` in username or e-mail, role, status, the caller's `extra` condition; sorted by
   * createdAt (default, newest first), username or e-mail with the id as tie-breaker; a page and the total.
   */
  async listPage(m: EntityManager, q: UserListFilter, extra?: UserListCondition): Promise<{ rows: User[]; total: number }> {
    const qb = m.createQueryBuilder(User, 'u');
    if (q.q) {
      qb.andWhere(new Brackets((w) => w.where('u.username ILIKE :q', { q: `%${escapeLike(q.q ?? '')}%` }).orWhere('u.email ILIKE :q')));
    }
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.status) qb.andWhere('u.status = :status', { status: q.status });
    if (extra) qb.andWhere(extra.where, extra.params);
    const sort = parseSort(q.sort, { createdAt: 'u.createdAt', username: 'u.username', email: 'u.email' }, { column: 'u.createdAt', dir: 'DESC' });
    qb.orderBy(sort.column, sort.dir).addOrderBy('u.id', 'ASC');
    const { skip, take } = pageOffset(q);
    const [rows, total] = await qb.skip(skip).take(take).getManyAndCount();
    return { rows, total };
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
    await m.createQueryBuilder().update(User).set({ riskAckAt: at, riskAckVersion: version }).where('id = :id AND risk_ack_at IS NULL', { id: userId }).execute();
  }
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
