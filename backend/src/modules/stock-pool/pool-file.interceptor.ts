import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { AppException } from '../../common/app-exception.js';
import { POOL_IMPORT_LIMITS } from './domain/import-parser.js';

/**
 * Multipart upload of one pool file (field `file`) into memory, capped at the import limit while it
 * streams in. Errors get our codes: too large → 413 POOL_FILE_TOO_LARGE, anything else malformed →
 * 400 VALIDATION_FAILED. JSON requests pass straight through.
 */
@Injectable()
export class PoolFileInterceptor implements NestInterceptor {
  private readonly upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: POOL_IMPORT_LIMITS.maxFileBytes, files: 1, fields: 4, fieldSize: 1024 * 1024, parts: 5 },
  }).single('file');

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    if (req.is('multipart/form-data')) {
      await new Promise<void>((resolve, reject) => {
        this.upload(req, res, (err: unknown) => (err ? reject(toAppException(err)) : resolve()));
      });
    }
    return next.handle();
  }
}

function toAppException(err: unknown): AppException {
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') {
      return new AppException('POOL_FILE_TOO_LARGE', 413, `文件过大（上限 ${POOL_IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB）`, { maxBytes: POOL_IMPORT_LIMITS.maxFileBytes });
    }
    return AppException.badRequest('VALIDATION_FAILED', `Upload refused: ${err.message}`, [{ field: err.field ?? 'file', errors: [err.code] }]);
  }
  return AppException.badRequest('VALIDATION_FAILED', `Malformed upload: ${err instanceof Error ? err.message : String(err)}`);
}
