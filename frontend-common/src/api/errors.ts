import type { ApiErrorBody } from '@zhice/shared';

/** Client-side codes for failures that never reached the API's error filter. */
export const ClientErrorCode = {
  NETWORK_ERROR: 'NETWORK_ERROR',
  TIMEOUT: 'TIMEOUT',
  CANCELED: 'CANCELED',
  UNKNOWN: 'UNKNOWN',
} as const;

/** Every failed API call is normalised into this (views never see transport errors). */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details: unknown;

  constructor(statusCode: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
  }

  /** true for failures without an HTTP answer (offline, timeout) */
  get isNetwork(): boolean {
    return this.statusCode === 0;
  }
}

function isErrorBody(data: unknown): data is ApiErrorBody {
  return typeof data === 'object' && data !== null && typeof (data as { code?: unknown }).code === 'string';
}

function messageOf(value: unknown, fallback: string): string {
  if (typeof value === 'string' && value.trim()) return value;
  if (Array.isArray(value)) return value.map(String).join('; ');
  return fallback;
}

const STATUS_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Words for failures the server did not describe (offline, timeout, a bare 5xx from a proxy), in
 * the UI language: startSpa sets it to the app's `t`. Without it (unit tests) the transport's own
 * text is kept.
 */
let clientText: (key: 'errors.network' | 'errors.timeout' | 'errors.unknown') => string | null = () => null;
export function setClientErrorText(fn: (key: 'errors.network' | 'errors.timeout' | 'errors.unknown') => string): void {
  clientText = fn;
}

/** A non-2xx answer as an ApiError: the API's error body when it sent one, else a code for the status. */
export function errorFromResponse(status: number, statusText: string, data: unknown): ApiError {
  const fallback = `Request failed with status code ${status}`;
  if (isErrorBody(data)) {
    const code = typeof data.statusCode === 'number' ? data.statusCode : status;
    return new ApiError(code, data.code, messageOf(data.message, fallback), data.details);
  }
  const code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR');
  return new ApiError(status, code, clientText('errors.unknown') ?? messageOf(statusText, fallback), data);
}

/** A failure without an HTTP answer, in words of the UI language when the app gave them. */
export function networkError(code: typeof ClientErrorCode.NETWORK_ERROR | typeof ClientErrorCode.TIMEOUT, message: string): ApiError {
  return new ApiError(0, code, clientText(code === ClientErrorCode.TIMEOUT ? 'errors.timeout' : 'errors.network') ?? message);
}

/** Anything caught around an API call as an ApiError (the client already rejects with one). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error) return new ApiError(0, ClientErrorCode.UNKNOWN, error.message);
  return new ApiError(0, ClientErrorCode.UNKNOWN, String(error));
}

/** Drops empty filter values so they are not sent as `?q=`. */
export function cleanParams<T extends object>(params: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(params) as [keyof T, T[keyof T]][]) {
    if (value === undefined || value === null || value === '') continue;
    out[key] = value;
  }
  return out;
}
