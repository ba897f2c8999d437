import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { CUSTOM_ROUTE_ARGS_METADATA, GUARDS_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { AppException } from './app-exception.js';
import { READS_NO_BODY } from './auth.decorators.js';
import { toErrorBody } from './error.filter.js';

/**
 * The global request-shape rules (issue 10 items 5 and 6), applied to every `/api` route before any
 * controller sees the request, so a route added later is covered without doing anything:
 * - a body must be `application/json` (or `multipart/form-data` for uploads) → 415 otherwise;
 * - JSON nested deeper than {@link MAX_JSON_DEPTH} → 400 `JSON_TOO_DEEP` (checked on the raw bytes,
 *   before parsing);
 * - any string (keys included, query too) with a NUL or a lone UTF-16 surrogate → 400;
 * - the keys `__proto__`, `constructor`, `prototype` → 400;
 * - a body on a route whose handler takes none → 400 `BODY_NOT_ALLOWED` ({@link BodyShapeGuard}).
 * `null` for a field not declared `nullable: true` is refused by the validation pipe.
 */
export const MAX_JSON_DEPTH = 32;
export const JSON_LIMIT = '1mb';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The raw bytes of a JSON body, kept for routes that verify signatures (payment notifications). */
export type RequestWithRaw = Request & { rawBody?: Buffer };

function hasBody(req: Request): boolean {
  const len = req.headers['content-length'];
  if (len !== undefined) return Number(len) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

function isJsonType(type: string): boolean {
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** 415 for a body that is neither JSON nor multipart. */
export const contentTypeRule: RequestHandler = (req, _res, next) => {
  if (!hasBody(req)) return next();
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (isJsonType(type) || type === 'multipart/form-data') return next();
  if (!BODY_METHODS.has(req.method)) return next(new AppException('BODY_NOT_ALLOWED', 400, 'This route takes no request body'));
  next(new AppException('UNSUPPORTED_MEDIA_TYPE', 415, 'Unsupported content type; send application/json', { contentType: type || null }));
};

/** Nesting depth of a JSON text, counted on bytes outside strings; stops as soon as it passes max. */
export function jsonDepthExceeds(buf: Buffer, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export function jsonBodyParser(): RequestHandler {
  return express.json({
    limit: JSON_LIMIT,
    type: (req) => isJsonType(((req.headers['content-type'] as string | undefined) ?? '').split(';')[0]!.trim().toLowerCase()),
    verify: (req, _res, buf) => {
      (req as RequestWithRaw).rawBody = buf;
      if (jsonDepthExceeds(buf)) throw new AppException('JSON_TOO_DEEP', 400, `The request body is nested deeper than ${MAX_JSON_DEPTH} levels`, { maxDepth: MAX_JSON_DEPTH });
    },
  });
}

/** First problem found in a parsed value (iterative: no recursion on attacker-controlled depth). */
export function valueProblem(value: unknown, root: string): { field: string; errors: string[] } | null {
  const stack: Array<[unknown, string, number]> = [[value, root, 0]];
  while (stack.length) {
    const [v, at, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { field: at, errors: ['must not contain NUL characters'] };
      if (!wellFormed(v)) return { field: at, errors: ['must be valid Unicode (lone surrogate)'] };
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_JSON_DEPTH) return { field: at, errors: [`nested deeper than ${MAX_JSON_DEPTH} levels`] };
      if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, `${at}[${i}]`, depth + 1]));
      else
        for (const k of Object.keys(v)) {
          const field = at ? `${at}.${k}` : k;
          if (FORBIDDEN_KEYS.has(k)) return { field, errors: ['this key is not allowed'] };
          if (k.includes('\u0000') || !wellFormed(k)) return { field: at, errors: ['keys must be valid Unicode without NUL'] };
          stack.push([(v as Record<string, unknown>)[k], field, depth + 1]);
        }
    }
  }
  return null;
}

/** 400 for NUL bytes, lone surrogates or prototype keys anywhere in the body or the query. */
export const stringRule: RequestHandler = (req, _res, next) => {
  const problem = valueProblem(req.body, '') ?? valueProblem(req.query, 'query');
  if (problem) return next(AppException.badRequest('VALIDATION_FAILED', 'The request is not valid', [problem]));
  next();
};

/** Errors raised by the rules above and the body parser, in the standard error shape. */
export function bodyRulesErrorHandler(err: unknown, req: Request, res: Response, next: NextFunction) {
  if (res.headersSent) return next(err);
  const body = toErrorBody(err, req.headers['accept-language']);
  res.status(body.statusCode).json(body);
}

/** The whole chain, mounted on `/api` in bootstrap. */
export function bodyRules(): RequestHandler[] {
  return [contentTypeRule, jsonBodyParser(), stringRule];
}

function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === null) return true;
  return typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0;
}

/**
 * 400 `BODY_NOT_ALLOWED` when a request carries a body (anything but nothing or `{}`) and the
 * handler takes none: no `@Body()`, no uploaded file, no custom decorator that could read it.
 *
 * A guard, not an interceptor: one global interceptor made Nest run every request through its
 * rxjs chain (~0.3 ms of CPU and ~12 KB of garbage per request on the api-read bench). Global
 * guards run before a controller's own (`@UseGuards`), while the interceptor ran after all of them
 * (the auth routes answer a throttled client 429 before looking at the body, and count that
 * request). So a route with guards of its own lists this guard LAST among them
 * (`@UseGuards(ThrottlerGuard, BodyShapeGuard)`) and the global instance leaves such a route to
 * it; on a route with other guards that does not, the global instance still checks (the rule never
 * lapses; only its order relative to those guards would differ).
 * Registered in bootstrap with `useGlobalGuards(BodyShapeGuard.global())`, i.e. after the APP_GUARD
 * `AuthGuard` (401/403 first, as before).
 */
@Injectable()
export class BodyShapeGuard implements CanActivate {
  private static readonly routes = new Map<Function, { takesBody: boolean; ownGuardLast: boolean }>();

  /** Bootstrap's global instance; Nest creates the route-level ones (`@UseGuards(…, BodyShapeGuard)`). */
  static global(): BodyShapeGuard {
    const guard = new BodyShapeGuard();
    guard.isGlobal = true;
    return guard;
  }

  private isGlobal = false;

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    if (isEmptyBody(ctx.switchToHttp().getRequest<Request>().body)) return true;
    const route = BodyShapeGuard.route(ctx);
    // The global instance leaves the check to the route's own BodyShapeGuard, which runs after the route's other guards.
    if (this.isGlobal && route.ownGuardLast) return true;
    if (!route.takesBody) throw new AppException('BODY_NOT_ALLOWED', 400, 'This route takes no request body');
    return true;
  }

  private static route(ctx: ExecutionContext): { takesBody: boolean; ownGuardLast: boolean } {
    const handler = ctx.getHandler();
    let known = BodyShapeGuard.routes.get(handler);
    if (known === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, ctx.getClass(), handler.name) ?? {}) as Record<string, { factory?: Function }>;
      const takesBody = Object.entries(args).some(([key, arg]) => {
        if (key.includes(CUSTOM_ROUTE_ARGS_METADATA)) return !(arg.factory && READS_NO_BODY in arg.factory);
        const type = Number(key.split(':')[0]);
        return type === RouteParamtypes.BODY || type === RouteParamtypes.FILE || type === RouteParamtypes.FILES || type === RouteParamtypes.RAW_BODY;
      });
      // Nest runs the class's guards, then the method's: the last of those is the route's last guard.
      const own = [...((Reflect.getMetadata(GUARDS_METADATA, ctx.getClass()) ?? []) as unknown[]), ...((Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as unknown[])];
      known = { takesBody, ownGuardLast: own.length > 0 && own[own.length - 1] === BodyShapeGuard };
      BodyShapeGuard.routes.set(handler, known);
    }
    return known;
  }
}
