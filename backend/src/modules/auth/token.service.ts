import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthTokens, Role } from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import { Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { UsersService } from '../users/users.service.js';
import { AuthStore } from './auth.store.js';

/** Who a token is for; `tokenVersion` comes from the users row (0 when not read). */
export interface TokenSubject {
  id: string;
  role: Role;
  username: string;
  tokenVersion?: number;
}

export interface AccessClaims {
  sub: string;
  role: Role;
  username: string;
  typ: 'access';
  /** The user's token version when issued: logout, revocation and password changes bump it, which
   * ends every access token issued before at once (the sessions that keep a refresh token just
   * refresh). */
  ver: number;
}

/** `<uuid>.<43 base64url chars>`, nothing before, after or in between. */
const REFRESH_TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;
export function parseRefreshToken(raw: string): { id: string; secret: string } | null {
  const m = REFRESH_TOKEN.exec(raw);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Access tokens are short JWTs; refresh tokens are opaque `<id>.<secret>` rows that rotate on
 * every use. A second use of a rotated token means it leaked: the whole family is revoked.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly store: AuthStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private nowSec() {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  signAccess(user: TokenSubject): string {
    const iat = this.nowSec();
    const claims: AccessClaims & { iat: number; exp: number } = {
      sub: user.id,
      role: user.role,
      username: user.username,
      typ: 'access',
      ver: user.tokenVersion ?? 0,
      iat,
      exp: iat + this.config.accessTokenTtlSec,
    };
    return this.jwt.sign(claims);
  }

  verifyAccess(token: string): AccessClaims {
    try {
      const claims = this.jwt.verify<AccessClaims & { exp?: unknown }>(token, { clockTimestamp: this.nowSec(), algorithms: ['HS256'] });
      if (claims.typ !== 'access') throw new Error('not an access token');
      // jsonwebtoken accepts a token without `exp` forever: ours always carry one and a session.
      if (typeof claims.exp !== 'number' || typeof claims.ver !== 'number' || typeof claims.sub !== 'string') throw new Error('incomplete claims');
      return claims;
    } catch (e) {
      if ((e as Error).name === 'TokenExpiredError') throw new AppException('AUTH_TOKEN_EXPIRED', 401, 'The access token has expired');
      throw new AppException('AUTH_TOKEN_INVALID', 401, 'The access token is not valid');
    }
  }

  async issue(
    user: TokenSubject,
    meta: { ip: string | null; userAgent: string | null },
    familyId: string = randomUUID(),
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AuthTokens> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await this.store.insertRefreshToken(manager, {
      id,
      userId: user.id,
      familyId,
      secretHash: sha256(secret),
      expiresAt: new Date(this.clock.now().getTime() + this.config.refreshTokenTtlSec * 1000),
      usedAt: null,
      revokedAt: null,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    return { accessToken: this.signAccess(user), refreshToken: `${id}.${secret}` };
  }

  /** The family of a refresh token presented by its owner (for a password change that keeps it). */
  async familyOf(raw: string | undefined, userId: string): Promise<string | null> {
    const parsed = raw ? parseRefreshToken(raw) : null;
    if (!parsed) return null;
    const row = await this.store.refreshToken(this.dataSource.manager, parsed.id);
    return row && row.userId === userId && row.secretHash === sha256(parsed.secret) ? row.familyId : null;
  }

  /** Every session of the user but `keepFamilyId` ends; access tokens issued before die too. */
  async revokeOthersForUser(userId: string, keepFamilyId: string | null, manager: EntityManager = this.dataSource.manager) {
    await this.store.revokeUserTokens(manager, userId, keepFamilyId, this.clock.now());
    await this.users.bumpTokenVersion(userId, manager);
  }

  /** Returns the row's user id after marking it used; throws with the reason otherwise. */
  async rotate(
    raw: string,
    loadUser: (id: string, manager: EntityManager) => Promise<(TokenSubject & { status: string }) | null>,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<AuthTokens> {
    const parsed = parseRefreshToken(raw);
    if (!parsed) throw new AppException('AUTH_TOKEN_INVALID', 401, 'The refresh token is not valid');
    const { id, secret } = parsed;
    let reusedFamily: string | null = null;
    const tokens = await this.dataSource.transaction(async (m) => {
      const row = await this.store.refreshTokenForUpdate(m, id);
      if (!row || row.secretHash !== sha256(secret)) throw new AppException('AUTH_TOKEN_INVALID', 401, 'The refresh token is not valid');
      if (row.usedAt || row.revokedAt) {
        reusedFamily = row.familyId;
        return null;
      }
      if (row.expiresAt <= this.clock.now()) throw new AppException('AUTH_TOKEN_EXPIRED', 401, 'The refresh token has expired');
      const user = await loadUser(row.userId, m);
      if (!user) throw new AppException('AUTH_TOKEN_INVALID', 401, 'The refresh token is not valid');
      if (user.status !== 'active') throw new AppException('AUTH_ACCOUNT_DISABLED', 403, 'The account is disabled');
      await this.store.markRefreshTokenUsed(m, id, this.clock.now());
      return this.issue(user, meta, row.familyId, m);
    });
    if (reusedFamily) {
      // Committed on its own: the refusal below must not roll the revocation back.
      await this.revokeFamily(reusedFamily);
      throw new AppException('AUTH_REFRESH_REUSED', 401, 'This refresh token was already used; the session has been revoked');
    }
    return tokens!;
  }

  async revokeFamily(familyId: string) {
    await this.dataSource.transaction(async (m) => {
      const userId = await this.store.revokeFamily(m, familyId, this.clock.now());
      if (userId) await this.users.bumpTokenVersion(userId, m);
    });
  }

  async revokeByToken(raw: string): Promise<void> {
    const parsed = parseRefreshToken(raw);
    if (!parsed) return;
    const row = await this.store.refreshToken(this.dataSource.manager, parsed.id);
    if (row && row.secretHash === sha256(parsed.secret)) await this.revokeFamily(row.familyId);
  }

  async revokeAllForUser(userId: string, manager: EntityManager = this.dataSource.manager) {
    await this.store.revokeUserTokens(manager, userId, null, this.clock.now());
    await this.users.bumpTokenVersion(userId, manager);
  }
}
