import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@zhice/shared';
import type { Request } from 'express';
import { AppException } from '../../common/app-exception.js';
import { ALLOWED_BEFORE_PASSWORD_CHANGE, IS_PUBLIC, ROLES, type AuthUser } from '../../common/auth.decorators.js';
import { UsersService } from '../users/users.service.js';
import { TokenService } from './token.service.js';

/**
 * Global guard: every route needs a valid access token unless marked @Public(). The user row is
 * read on every request so that disabling an account or changing a role takes effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UsersService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw new AppException('UNAUTHORIZED', 401, 'Please sign in');
    const claims = this.tokens.verifyAccess(header.slice(7).trim());
    const user = await this.users.principalOf(claims.sub);
    if (!user) throw new AppException('AUTH_TOKEN_INVALID', 401, 'The access token is not valid');
    if (user.status !== 'active') throw new AppException('AUTH_ACCOUNT_DISABLED', 403, 'The account is disabled');
    // Logout, a revoked session or a password change ended every token issued before.
    if (claims.ver !== user.tokenVersion) throw new AppException('AUTH_SESSION_REVOKED', 401, 'This session has ended; please sign in again');
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_PASSWORD_CHANGE, targets)) {
      throw AppException.forbidden('PASSWORD_CHANGE_REQUIRED', 'Please change your initial password first');
    }
    req.user = { id: user.id, username: user.username, role: user.role };
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role) && user.role !== 'admin') {
      throw AppException.forbidden('FORBIDDEN', 'You are not allowed to do this');
    }
    return true;
  }
}
