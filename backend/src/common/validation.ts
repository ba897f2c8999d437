import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
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

const SWAGGER_PROPERTY = 'swagger/apiModelProperties';
const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Object, Array, Date]);

/**
 * `null` is a value only where the DTO says so (`@ApiProperty({ nullable: true })`, which the
 * OpenAPI document shows too); elsewhere it is refused, also for `@IsOptional()` fields, which
 * class-validator would otherwise let through to a NOT NULL column. Nested DTOs are checked too.
 */
export function nullProblems(value: unknown, cls: Function, prefix = '', depth = 0): FieldError[] {
  if (depth > 16 || value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const out: FieldError[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const meta = Reflect.getMetadata(SWAGGER_PROPERTY, cls.prototype, key) as { nullable?: boolean; type?: unknown } | undefined;
    const field = prefix ? `${prefix}.${key}` : key;
    if (v === null) {
      if (!meta?.nullable) out.push({ field, errors: [`${key} must not be null`] });
      continue;
    }
    const nested = typeof meta?.type === 'function' && !PRIMITIVES.has(meta.type) && (meta.type as Function).prototype ? (meta.type as Function) : null;
    if (!nested) continue;
    if (Array.isArray(v)) v.forEach((item, i) => out.push(...nullProblems(item, nested, `${field}[${i}]`, depth + 1)));
    else out.push(...nullProblems(v, nested, field, depth + 1));
  }
  return out;
}

class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    const cls = metadata.metatype;
    if (metadata.type === 'body' && cls && !PRIMITIVES.has(cls)) {
      if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
        throw AppException.badRequest('VALIDATION_FAILED', 'The request is not valid', [{ field: '', errors: ['the body must be a JSON object'] }]);
      }
      const problems = nullProblems(value, cls);
      if (problems.length) throw AppException.badRequest('VALIDATION_FAILED', 'The request is not valid', problems);
    }
    return super.transform(value, metadata);
  }
}

/** Whitelist + forbid unknown fields: a body with a field we don't know is refused, not trimmed. */
export function createValidationPipe() {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) =>
      AppException.badRequest('VALIDATION_FAILED', 'The request is not valid', flatten(errors)),
  });
}
