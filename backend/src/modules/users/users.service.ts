import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Paged, Role, UserDto } from '@zhice/shared';
import { Brackets, Repository, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import { Clock } from '../../common/clock.js';
import { pageOffset, paged, parseSort } from '../../common/pagination.js';
import { selectRows } from '../../common/sql.js';
import { User } from './entities/user.entity.js';
import type { ListUsersQueryDto } from './dto/list-users.query.js';

/** The version of the risk disclosure a member acknowledges (at registration, or at first login when an admin created the account). */
export const RISK_DISCLOSURE_VERSION = '2026-11';
export type Principal = Pick<User, 'id' | 'username' | 'role' | 'status' | 'tokenVersion' | 'mustChangePassword'>;

/** What a user's membership gives them now, as `UserDto` shows it (the VIP module knows it). */
export interface Membership {
  vipLevel: number;
  vipExpiresAt: Date | null;
  stockQuota: number | null;
}

/** `user` as every route answers it (VipEntitlements.present adds the membership). */
export function userDto(u: User, e: Membership): UserDto {
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    emailVerified: u.emailVerifiedAt !== null,
    role: u.role,
    status: u.status,
    vipLevel: e.vipLevel,
    vipExpiresAt: e.vipExpiresAt?.toISOString() ?? null,
    stockQuota: e.stockQuota,
    riskAckRequired: u.role === 'user' && u.riskAckAt === null,
    createdAt: u.createdAt.toISOString(),
    mustChangePassword: u.mustChangePassword,
  };
}

/**
 * An extra condition for the admin list from another module, on the alias `u` (the VIP module's
 * effective-level filter), with its named parameters.
 */
export interface UserListCondition {
  where: string;
  params: Record<string, unknown>;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly clock: Clock,
  ) {}

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /**
   * Who is calling, for the auth guard on every request: four columns by primary key, as a plain
   * row (hydrating the whole entity, password hash included, was a tenth of a read's CPU).
   */
  async principalOf(id: string): Promise<Principal | null> {
    // On every authenticated request (AuthGuard): straight on the pool (common/sql.ts selectRows).
    const rows = await selectRows<Principal>(
      this.users.manager,
      'SELECT id, username, role, status, token_version AS "tokenVersion", must_change_password AS "mustChangePassword" FROM users WHERE id = $1',
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Locks the user's row (FOR UPDATE) in the caller's transaction, serialising changes of one
   * member's subscription (VIP grants and reverts); null when there is no such user.
   */
  async lockForUpdate(m: EntityManager, userId: string): Promise<Pick<User, 'id' | 'role'> | null> {
    const rows: Array<Pick<User, 'id' | 'role'>> = await m.query('SELECT id, role FROM users WHERE id = $1 FOR UPDATE', [userId]);
    return rows[0] ?? null;
  }

  /** id → username for lists that show who (payments' admin orders). */
  async usernamesByIds(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; username: string }> = await this.users.query('SELECT id, username FROM users WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((r) => [r.id, r.username]));
  }

  /** Ends every access token issued to the user so far (see User.tokenVersion). */
  async bumpTokenVersion(userId: string, manager: EntityManager = this.users.manager): Promise<void> {
    await manager.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [userId]);
  }

  /** The password was set by its owner (or, with `true`, by someone else). */
  async setMustChangePassword(userId: string, value: boolean, manager: EntityManager = this.users.manager): Promise<void> {
    await manager.query('UPDATE users SET must_change_password = $2 WHERE id = $1', [userId, value]);
  }

  // ---- inside the caller's transaction (auth: registration, passwords, links; user-admin) -----

  /** A new user row (the caller checked availability under its locks; unique indexes still guard). */
  insertIn(m: EntityManager, fields: Omit<User, 'id' | 'createdAt' | 'updatedAt'>): Promise<User> {
    return m.save(m.create(User, fields));
  }

  findByIdIn(m: EntityManager, id: string): Promise<User | null> {
    return m.findOneBy(User, { id });
  }

  /** The user row, locked (FOR UPDATE) until the caller's transaction ends; null when there is none. */
  findForUpdateIn(m: EntityManager, id: string): Promise<User | null> {
    return m.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Writes the changed columns of a row read in this transaction. */
  saveIn(m: EntityManager, user: User): Promise<User> {
    return m.save(user);
  }

  /** Another user has this e-mail (case-insensitively). */
  async emailTakenByOtherIn(m: EntityManager, email: string, userId: string): Promise<boolean> {
    return (await m.createQueryBuilder(User, 'x').where('lower(x.email) = lower(:e) AND x.id <> :id', { e: email, id: userId }).getCount()) > 0;
  }

  /** A new password hash; with `clearLockout` (resets) the failed-login count and lock end too. */
  async setPasswordHashIn(m: EntityManager, userId: string, passwordHash: string, opts: { clearLockout?: boolean } = {}): Promise<void> {
    await m.update(User, { id: userId }, opts.clearLockout ? { passwordHash, failedLoginCount: 0, lockedUntil: null } : { passwordHash });
  }

  async markEmailVerifiedIn(m: EntityManager, userId: string, at: Date): Promise<void> {
    await m.update(User, { id: userId }, { emailVerifiedAt: at });
  }

  async getById(id: string): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw AppException.notFound('USER_NOT_FOUND', 'User not found');
    return user;
  }

  /** Login accepts the username or the e-mail, both case-insensitively. */
  findByLogin(login: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:login) OR lower(u.email) = lower(:login)', { login })
      .orderBy('CASE WHEN lower(u.username) = lower(:login) THEN 0 ELSE 1 END')
      .getOne();
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  async assertAvailable(username: string, email: string | null, manager: EntityManager = this.users.manager) {
    const taken = await manager
      .createQueryBuilder(User, 'u')
      .select(['u.username', 'u.email'])
      .where('lower(u.username) = lower(:username)', { username })
      .orWhere('u.email IS NOT NULL AND lower(u.email) = lower(:email)', { email: email ?? '' })
      .getMany();
    if (taken.some((u) => u.username.toLowerCase() === username.toLowerCase())) {
      throw AppException.conflict('AUTH_USERNAME_TAKEN', 'The username is taken');
    }
    if (email && taken.length > 0) throw AppException.conflict('AUTH_EMAIL_TAKEN', 'The e-mail address is already in use');
  }

  /** POST /me/risk-ack: records the acknowledgement once (a repeat keeps the first time). */
  async acknowledgeRisk(userId: string): Promise<User> {
    await this.users
      .createQueryBuilder()
      .update(User)
      .set({ riskAckAt: this.clock.now(), riskAckVersion: RISK_DISCLOSURE_VERSION })
      .where('id = :id AND risk_ack_at IS NULL', { id: userId })
      .execute();
    return this.getById(userId);
  }

  /**
   * Admin list: search, filters, sort, paging — the rows; the caller presents them. `vipLevel` is
   * not the users module's to decide: the caller passes it as `extra` (the effective level, so an
   * expired VIP2 shows under level 0 — the same rule the rest of the system applies).
   */
  async listPage(q: Omit<ListUsersQueryDto, 'vipLevel'>, extra?: UserListCondition): Promise<{ rows: User[]; total: number }> {
    const qb = this.users.createQueryBuilder('u');
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

  async countByRole(role: Role): Promise<number> {
    return this.users.countBy({ role });
  }
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
