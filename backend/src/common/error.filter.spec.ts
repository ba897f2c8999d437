import { BadRequestException, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { AppException } from './app-exception.js';
import { toErrorBody } from './error.filter.js';

describe('toErrorBody', () => {
  it('keeps the code of an AppException and localises its message', () => {
    const e = new AppException('AUTH_LOCKED', 423, 'locked', { lockedUntil: 'x' });
    expect(toErrorBody(e, 'zh-CN')).toEqual({ statusCode: 423, code: 'AUTH_LOCKED', message: '账户已被临时锁定，请 15 分钟后再试', details: { lockedUntil: 'x' } });
    expect(toErrorBody(e, 'en-US,en;q=0.9').message).toMatch(/locked/);
  });
  it('maps framework and body-parser errors to stable codes', () => {
    expect(toErrorBody(new NotFoundException()).code).toBe('NOT_FOUND');
    expect(toErrorBody(new BadRequestException()).code).toBe('VALIDATION_FAILED');
    expect(toErrorBody({ type: 'entity.parse.failed', status: 400 })).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
    expect(toErrorBody({ type: 'entity.too.large', status: 413 })).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(toErrorBody(new Error('boom'))).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
  });
});

describe('database refusals', () => {
  const dbError = (code: string) => Object.assign(new Error('db'), { name: 'QueryFailedError', driverError: { code } });
  it('out-of-range and malformed values → 400, conflicts → 409, the database down → 503', () => {
    expect(toErrorBody(dbError('22003')).statusCode).toBe(400);
    expect(toErrorBody(dbError('22001')).statusCode).toBe(400);
    expect(toErrorBody(dbError('23502')).statusCode).toBe(400);
    expect(toErrorBody(dbError('23505'))).toMatchObject({ statusCode: 409, code: 'CONFLICT' });
    expect(toErrorBody(dbError('40001')).statusCode).toBe(409);
    expect(toErrorBody(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toMatchObject({ statusCode: 503, code: 'DB_UNAVAILABLE' });
    expect(toErrorBody(new Error('Connection terminated unexpectedly'))).toMatchObject({ statusCode: 503, code: 'DB_UNAVAILABLE' });
    expect(toErrorBody(new Error('boom')).statusCode).toBe(500);
  });
});
