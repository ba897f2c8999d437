import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Role } from '@zhice/shared';

export interface AuthUser {
  id: string;
  username: string;
  role: Role;
}

export const IS_PUBLIC = Symbol('isPublic');
export const ROLES = Symbol('roles');

/** Route needs no token (and gets `security: []` in the OpenAPI document, see common/openapi.ts). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-public', true));
export const ALLOWED_BEFORE_PASSWORD_CHANGE = Symbol('allowedBeforePasswordChange');
/** Route stays open to an account that must change its password first (`GET /me`, `POST /me/password`). */
export const AllowedBeforePasswordChange = () => SetMetadata(ALLOWED_BEFORE_PASSWORD_CHANGE, true);
/** Route needs one of these roles (admins pass every role check). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Marks a param decorator's factory as one that never reads the body (see BodyShapeGuard). */
export const READS_NO_BODY = Symbol('readsNoBody');
const noBody = <F extends Function>(f: F): F => Object.assign(f, { [READS_NO_BODY]: true });

export const CurrentUser = createParamDecorator(noBody((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
}));

/** Client IP and user agent, for the login log and the operation log. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}
export const ReqMeta = createParamDecorator(noBody((_: unknown, ctx: ExecutionContext): RequestMeta => {
  const req = ctx.switchToHttp().getRequest<{ ip?: string; headers: Record<string, string | undefined> }>();
  return { ip: req.ip ?? null, userAgent: req.headers['user-agent']?.slice(0, 512) ?? null };
}));
