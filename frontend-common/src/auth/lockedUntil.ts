import type { ApiError } from '../api/errors';

/** `details.lockedUntil` of an AUTH_LOCKED error, if present. */
export function lockedUntilOf(error: ApiError): string | null {
  const details = error.details;
  if (typeof details === 'object' && details !== null && 'lockedUntil' in details) {
    const value = (details as { lockedUntil: unknown }).lockedUntil;
    return typeof value === 'string' ? value : null;
  }
  return null;
}
