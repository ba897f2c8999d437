import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthTokens, Role } from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import { Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { RefreshToken } from './entities/refresh-token.entity.js';

export interface AccessClaims {
  sub: string;
  role: Role;
  username: string;
  typ: 'access';
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private nowSec() {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  signAccess(user: { id: string; role: Role; username: string }): string {
    const iat = this.nowSec();
    const claims: AccessClaims & { iat: number; exp: number } = {
      sub: user.id,
      role: user.role,
      username: user.username,
      typ: 'access',
      iat,
      exp: iat + this.config.accessTokenTtlSec,
    };
    return this.jwt.sign(claims);
  }

  verifyAccess(token: string): AccessClaims {
    try {
      const claims = this.jwt.verify<AccessClaims>(token, { clockTimestamp: this.nowSec(), algorithms: ['HS256'] });
      if (claims.typ !== 'access') throw new Error('not an access token');
      return claims;
    } catch (e) {
      if ((e as Error).name === 'TokenExpiredError') throw new AppException('AUTH_TOKEN_EXPIRED', 401, 'The access token has expired');
      throw new AppException('AUTH_TOKEN_INVALID', 401, 'The access token is not valid');
    }
  }

  async issue(
    user: { id: string; role: Role; username: string },
    meta: { ip: string | null; userAgent: string | null },
    familyId: string = randomUUID(),
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AuthTokens> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await manager.insert(RefreshToken, {
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

  /** Returns the row's user id after marking it used; throws with the reason otherwise. */
  async rotate(
    raw: string,
    loadUser: (id: string, manager: EntityManager) => Promise<{ id: string; role: Role; username: string; status: string } | null>,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<AuthTokens> {
    const [id, secret] = raw.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw new AppException('AUTH_TOKEN_INVALID', 401, 'The refresh token is not valid');
    let reusedFamily: string | null = null;
    const tokens = await this.dataSource.transaction(async (m) => {
      const row = await m.findOne(RefreshToken, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.secretHash !== sha256(secret)) throw new AppException('AUTH_TOKEN_INVALID', 401, 'The refresh token is not valid');
      if (row.usedAt || row.revokedAt) {
        reusedFamily = row.familyId;
        return null;
      }
      if (row.expiresAt <= this.clock.now()) throw new AppException('AUTH_TOKEN_EXPIRED', 401, 'The refresh token has expired');
      const user = await loadUser(row.userId, m);
      if (!user) throw new AppException('AUTH_TOKEN_INVALID', 401, 'The refresh token is not valid');
      if (user.status !== 'active') throw new AppException('AUTH_ACCOUNT_DISABLED', 403, 'The account is disabled');
      await m.update(RefreshToken, { id }, { usedAt: this.clock.now() });
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
    await this.dataSource.manager.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL`, [familyId, this.clock.now()]);
  }

  async revokeByToken(raw: string): Promise<void> {
    const [id, secret] = raw.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return;
    const row = await this.dataSource.manager.findOneBy(RefreshToken, { id });
    if (row && row.secretHash === sha256(secret)) await this.revokeFamily(row.familyId);
  }

  async revokeAllForUser(userId: string, manager: EntityManager = this.dataSource.manager) {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [userId, this.clock.now()]);
  }
}
