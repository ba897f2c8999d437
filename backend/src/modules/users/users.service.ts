import { Injectable } from '@nestjs/common';
import type { Role, UserDto } from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import { Clock } from '../../common/clock.js';
import type { User } from './entities/user.entity.js';
import { UsersStore, type Principal, type UserListCondition, type UserListFilter } from './users.store.js';

export type { Principal, UserListCondition } from './users.store.js';

/** The version of the risk disclosure a member acknowledges (at registration, or at first login when an admin created the account). */
export const RISK_DISCLOSURE_VERSION = '2026-11';

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

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: UsersStore,
    private readonly clock: Clock,
  ) {}

  findById(id: string): Promise<User | null> {
    return this.store.byId(this.dataSource.manager, id);
  }

  /**
   * Who is calling, for the auth guard on every request: four columns by primary key, as a plain
   * row (hydrating the whole entity, password hash included, was a tenth of a read's CPU).
   */
  principalOf(id: string): Promise<Principal | null> {
    return this.store.principal(this.dataSource.manager, id);
  }

  /**
   * Locks the user's row (FOR UPDATE) in the caller's transaction, serialising changes of one
   * member's subscription (VIP grants and reverts); null when there is no such user.
   */
  lockForUpdate(m: EntityManager, userId: string): Promise<Pick<User, 'id' | 'role'> | null> {
    return this.store.lockRole(m, userId);
  }

  /** id → username for lists that show who (payments' admin orders). */
  async usernamesByIds(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    return this.store.usernamesByIds(this.dataSource.manager, ids);
  }

  /** Ends every access token issued to the user so far (see User.tokenVersion). */
  async bumpTokenVersion(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await this.store.bumpTokenVersion(manager, userId);
  }

  /** The password was set by its owner (or, with `true`, by someone else). */
  async setMustChangePassword(userId: string, value: boolean, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await this.store.setMustChangePassword(manager, userId, value);
  }

  // ---- inside the caller's transaction (auth: registration, passwords, links; user-admin) -----

  /** A new user row (the caller checked availability under its locks; unique indexes still guard). */
  insertIn(m: EntityManager, fields: Omit<User, 'id' | 'createdAt' | 'updatedAt'>): Promise<User> {
    return this.store.insert(m, fields);
  }

  findByIdIn(m: EntityManager, id: string): Promise<User | null> {
    return this.store.byId(m, id);
  }

  /** The user row, locked (FOR UPDATE) until the caller's transaction ends; null when there is none. */
  findForUpdateIn(m: EntityManager, id: string): Promise<User | null> {
    return this.store.lockById(m, id);
  }

  /** Writes the changed columns of a row read in this transaction. */
  saveIn(m: EntityManager, user: User): Promise<User> {
    return this.store.save(m, user);
  }

  /** Another user has this e-mail (case-insensitively). */
  emailTakenByOtherIn(m: EntityManager, email: string, userId: string): Promise<boolean> {
    return this.store.emailTakenByOther(m, email, userId);
  }

  /** A new password hash; with `clearLockout` (resets) the failed-login count and lock end too. */
  async setPasswordHashIn(m: EntityManager, userId: string, passwordHash: string, opts: { clearLockout?: boolean } = {}): Promise<void> {
    await this.store.setPasswordHash(m, userId, passwordHash, opts.clearLockout === true);
  }

  async markEmailVerifiedIn(m: EntityManager, userId: string, at: Date): Promise<void> {
    await this.store.markEmailVerified(m, userId, at);
  }

  async getById(id: string): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw AppException.notFound('USER_NOT_FOUND', 'User not found');
    return user;
  }

  /** Login accepts the username or the e-mail, both case-insensitively. */
  findByLogin(login: string): Promise<User | null> {
    return this.store.byLogin(this.dataSource.manager, login);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.store.byEmail(this.dataSource.manager, email);
  }

  async assertAvailable(username: string, email: string | null, manager: EntityManager = this.dataSource.manager) {
    const taken = await this.store.holdersOf(manager, username, email);
    if (taken.some((u) => u.username.toLowerCase() === username.toLowerCase())) {
      throw AppException.conflict('AUTH_USERNAME_TAKEN', 'The username is taken');
    }
    if (email && taken.length > 0) throw AppException.conflict('AUTH_EMAIL_TAKEN', 'The e-mail address is already in use');
  }

  /** POST /me/risk-ack: records the acknowledgement once (a repeat keeps the first time). */
  async acknowledgeRisk(userId: string): Promise<User> {
    await this.store.acknowledgeRisk(this.dataSource.manager, userId, this.clock.now(), RISK_DISCLOSURE_VERSION);
    return this.getById(userId);
  }

  /**
   * Admin list: search, filters, sort, paging — the rows; the caller presents them. `vipLevel` is
   * not the users module's to decide: the caller passes it as `extra` (the effective level, so an
   * expired VIP2 shows under level 0 — the same rule the rest of the system applies).
   */
  listPage(q: UserListFilter, extra?: UserListCondition): Promise<{ rows: User[]; total: number }> {
    return this.store.listPage(this.dataSource.manager, q, extra);
  }

  async countByRole(role: Role): Promise<number> {
    return this.store.countByRole(this.dataSource.manager, role);
  }
}
