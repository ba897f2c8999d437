import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppException } from './app-exception.js';

export interface FieldError {
  field: string;
  errors: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, errors: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Whitelist + forbid unknown fields: a body with a field we don't know is refused, not trimmed. */
export function createValidationPipe() {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) =>
      AppException.badRequest('VALIDATION_FAILED', 'The request is not valid', flatten(errors)),
  });
}
