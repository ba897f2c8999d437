import type { HttpAdapter, HttpRequest } from '../api/http';

export type Handler = (config: HttpRequest) => Promise<{ status: number; data?: unknown }> | { status: number; data?: unknown };

/** A transport that answers from a handler (any status resolves; throw a TypeError for "offline"). */
export function fakeAdapter(handler: Handler): HttpAdapter {
  return async (config) => {
    const { status, data } = await handler(config);
    return { status, statusText: String(status), data, headers: {} };
  };
}

export function errorBody(statusCode: number, code: string, message = code, details?: unknown) {
  return { status: statusCode, data: { statusCode, code, message, details } };
}

export const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));
