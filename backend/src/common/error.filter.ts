import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { ApiErrorBody } from '@zhice/shared';
import type { Request, Response } from 'express';
import { AppException } from './app-exception.js';
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

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const body = toErrorBody(exception, req.headers['accept-language']);
    if (body.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR) {
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
