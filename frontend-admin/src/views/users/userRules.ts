import type { ApiError } from '@/api/errors';

/** Client-side mirrors of the server's account rules (the server stays the judge). */
export const USERNAME_PATTERN = /^[A-Za-z0-9_]{3,32}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_MAX = 254;
export const PASSWORD_MAX = 128;

export function isValidUsername(value: string): boolean {
  return USERNAME_PATTERN.test(value);
}

/** Password policy: at least 8 characters (at most 128), not all digits. */
export function isStrongPassword(value: string): boolean {
  return value.length >= 8 && value.length <= PASSWORD_MAX && !/^\d+$/.test(value);
}

export function isEmail(value: string): boolean {
  return value.length <= EMAIL_MAX && EMAIL_PATTERN.test(value);
}

/** Server codes that belong to one form field rather than a toast. */
const FIELD_ERROR_CODES: Readonly<Record<string, string>> = {
  AUTH_USERNAME_TAKEN: 'username',
  AUTH_EMAIL_TAKEN: 'email',
  AUTH_WEAK_PASSWORD: 'password',
};

/**
 * A refused form submit, per field: a known code goes to its field (with the server's localised
 * message); VALIDATION_FAILED `details` (`[{ field, errors }]`) go to the fields the form has.
 * Empty when the error belongs in a toast.
 */
export function fieldErrorsOf(error: ApiError, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const byCode = FIELD_ERROR_CODES[error.code];
  if (byCode && fields.includes(byCode)) {
    out[byCode] = error.message;
    return out;
  }
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(error.details)) {
    for (const item of error.details as unknown[]) {
      const { field, errors } = (item ?? {}) as { field?: unknown; errors?: unknown };
      if (typeof field === 'string' && fields.includes(field)) {
        out[field] = Array.isArray(errors) ? errors.map(String).join('; ') : error.message;
      }
    }
  }
  return out;
}
