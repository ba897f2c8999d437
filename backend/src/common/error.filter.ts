import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { ApiErrorBody } from '@zhice/shared';
import type { Request, Response } from 'express';
import { AppException } from './app-exception.js';
import { dbOutage, isDatabaseDown } from './db-outage.js';
import { langOf, localizeDetails } from './localize.js';
import { localizedMessage } from './messages.js';

const STATUS_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Turns anything thrown into `{ statusCode, code, message, details }`. */
export function toErrorBody(err: unknown, acceptLanguage?: string): ApiErrorBody {
  if (err instanceof AppException) {
    return {
      statusCode: err.getStatus(),
      code: err.code,
      message: localizedMessage(err.code, err.message, acceptLanguage),
      ...(err.details === undefined ? {} : { details: localizeDetails(err.details, langOf(acceptLanguage)) }),
    };
  }
  if (err instanceof HttpException) {
    const statusCode = err.getStatus();
    const code = STATUS_CODES[statusCode] ?? (statusCode >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
    return { statusCode, code, message: localizedMessage(code, err.message, acceptLanguage) };
  }
  const db = databaseErrorBody(err, acceptLanguage);
  if (db) return db;
  // body-parser errors carry `type` and `status`.
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.parse.failed') {
    return { statusCode: 400, code: 'MALFORMED_JSON', message: localizedMessage('MALFORMED_JSON', 'Malformed JSON', acceptLanguage) };
  }
  if (e?.type === 'entity.too.large') {
    return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: localizedMessage('PAYLOAD_TOO_LARGE', 'Payload too large', acceptLanguage) };
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    const code = STATUS_CODES[e.status] ?? 'VALIDATION_FAILED';
    return { statusCode: e.status, code, message: localizedMessage(code, (err as Error).message ?? code, acceptLanguage) };
  }
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: localizedMessage('INTERNAL_ERROR', 'Internal server error', acceptLanguage) };
}

/**
 * A database refusal that got past validation is still the caller's input, not our crash: values
 * out of range or malformed → 400, unique/foreign-key conflicts and lost serialisation races → 409;
 * the database being down or restarting → 503 `DB_UNAVAILABLE`. (The transaction has rolled back.)
 */
function databaseErrorBody(err: unknown, acceptLanguage?: string): ApiErrorBody | null {
  const e = err as { name?: string; code?: string; driverError?: { code?: string }; constraint?: string; message?: string } | null;
  if (!e || typeof e !== 'object' || err instanceof HttpException) return null;
  const body = (statusCode: number, c: string, fallback: string): ApiErrorBody => ({ statusCode, code: c, message: localizedMessage(c, fallback, acceptLanguage) });
  if (isDatabaseDown(err)) return body(503, 'DB_UNAVAILABLE', 'The database is unavailable; please try again shortly');
  const code = e.driverError?.code ?? e.code;
  if (typeof code !== 'string') return null;
  if (e.name !== 'QueryFailedError' && !e.driverError) return null;
  if (code.startsWith('22') || code === '23502' || code === '23514') return body(400, 'VALIDATION_FAILED', 'The request is not valid');
  if (code === '23505' || code === '23503' || code === '40001' || code === '40P01') return body(409, 'CONFLICT', 'The request conflicts with the current state');
  return null;
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const body = toErrorBody(exception, req.headers['accept-language']);
    if (body.statusCode >= 400 && !(exception instanceof HttpException) && body.statusCode !== 503) {
      // A database refusal mapped to 4xx means a validation rule is missing: worth a warning.
      this.logger.warn({ err: exception, path: req.path }, 'Database refused the input');
    }
    // A lost database is logged once per outage, not once per request that met it.
    if (body.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR && !dbOutage.report('requests', exception)) {
      this.logger.error({ err: exception, path: req.path }, 'Unhandled error');
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }
}

/** Express error middleware for errors raised before Nest routing (body parser). */
export function expressErrorHandler(err: unknown, req: Request, res: Response, next: (e?: unknown) => void) {
  if (res.headersSent) return next(err);
  const body = toErrorBody(err, req.headers['accept-language']);
  res.status(body.statusCode).json(body);
}
