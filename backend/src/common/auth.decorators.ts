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
/** Route needs one of these roles (admins pass every role check). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});

/** Client IP and user agent, for the login log and the operation log. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}
export const ReqMeta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta => {
  const req = ctx.switchToHttp().getRequest<{ ip?: string; headers: Record<string, string | undefined> }>();
  return { ip: req.ip ?? null, userAgent: req.headers['user-agent']?.slice(0, 512) ?? null };
});
