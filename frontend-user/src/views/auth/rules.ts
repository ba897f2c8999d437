/** Client-side mirrors of the server's account rules (the server stays the judge). */
export const USERNAME_PATTERN = /^[A-Za-z0-9_]{3,32}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isValidUsername(value: string): boolean {
  return USERNAME_PATTERN.test(value);
}

/** Password policy: at least 8 characters, not all digits. */
export function isStrongPassword(value: string): boolean {
  return value.length >= 8 && !/^\d+$/.test(value);
}

export function isEmail(value: string): boolean {
  return EMAIL_PATTERN.test(value);
}

/** Server codes that belong to one form field rather than a toast. */
export const FIELD_ERROR_CODES: Readonly<Record<string, string>> = {
  AUTH_USERNAME_TAKEN: 'username',
  AUTH_EMAIL_TAKEN: 'email',
  AUTH_WEAK_PASSWORD: 'password',
  RISK_ACK_REQUIRED: 'riskAck',
};

/** The one-time link from a mail: `?token=…` (first value if repeated). */
export function tokenFromQuery(value: unknown): string | null {
  const raw = Array.isArray(value) ? value[0] : value;
  return typeof raw === 'string' && raw.trim() ? raw.trim() : null;
}

export const LINK_ERROR_CODES = ['AUTH_LINK_INVALID', 'AUTH_LINK_EXPIRED', 'AUTH_LINK_USED'] as const;
export type LinkErrorCode = (typeof LINK_ERROR_CODES)[number];
export function isLinkError(code: string): code is LinkErrorCode {
  return (LINK_ERROR_CODES as readonly string[]).includes(code);
}
