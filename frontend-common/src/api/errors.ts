import axios from 'axios';
import type { ApiErrorBody } from '@zhice/shared';

/** Client-side codes for failures that never reached the API's error filter. */
export const ClientErrorCode = {
  NETWORK_ERROR: 'NETWORK_ERROR',
  TIMEOUT: 'TIMEOUT',
  CANCELED: 'CANCELED',
  UNKNOWN: 'UNKNOWN',
} as const;

/** Every failed API call is normalised into this (views never see axios errors). */
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

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (axios.isAxiosError(error)) {
    const response = error.response;
    if (response) {
      const data: unknown = response.data;
      if (isErrorBody(data)) {
        const status = typeof data.statusCode === 'number' ? data.statusCode : response.status;
        return new ApiError(status, data.code, messageOf(data.message, error.message), data.details);
      }
      const code = STATUS_CODES[response.status] ?? (response.status >= 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR');
      return new ApiError(response.status, code, clientText('errors.unknown') ?? messageOf(response.statusText, error.message), data);
    }
    if (error.code === 'ERR_CANCELED') return new ApiError(0, ClientErrorCode.CANCELED, error.message);
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') {
      return new ApiError(0, ClientErrorCode.TIMEOUT, clientText('errors.timeout') ?? error.message);
    }
    return new ApiError(0, ClientErrorCode.NETWORK_ERROR, clientText('errors.network') ?? error.message);
  }
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
