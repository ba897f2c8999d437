import { HttpException } from '@nestjs/common';
import type { ErrorCode } from '@zhice/shared';

/**
 * The one exception type business code throws. The global filter turns it into
 * `{ statusCode, code, message, details }`.
 */
export class AppException extends HttpException {
  constructor(
    readonly code: ErrorCode,
    status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super({ code, message, details }, status);
  }

  static badRequest(code: ErrorCode, message: string, details?: unknown) {
    return new AppException(code, 400, message, details);
  }
  static notFound(code: ErrorCode, message: string, details?: unknown) {
    return new AppException(code, 404, message, details);
  }
  static conflict(code: ErrorCode, message: string, details?: unknown) {
    return new AppException(code, 409, message, details);
  }
  static forbidden(code: ErrorCode, message: string, details?: unknown) {
    return new AppException(code, 403, message, details);
  }
}
