import { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';

export type Handler = (config: InternalAxiosRequestConfig) => Promise<{ status: number; data?: unknown }> | { status: number; data?: unknown };

/** An axios adapter that answers from a handler, rejecting non-2xx like the real adapters do. */
export function fakeAdapter(handler: Handler): AxiosAdapter {
  return async (config) => {
    const { status, data } = await handler(config);
    const response: AxiosResponse = {
      data,
      status,
      statusText: String(status),
      headers: new AxiosHeaders(),
      config,
      request: {},
    };
    if (status >= 200 && status < 300) return response;
    throw new AxiosError(`Request failed with status code ${status}`, AxiosError.ERR_BAD_REQUEST, config, {}, response);
  };
}

export function errorBody(statusCode: number, code: string, message = code, details?: unknown) {
  return { status: statusCode, data: { statusCode, code, message, details } };
}

export const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));
