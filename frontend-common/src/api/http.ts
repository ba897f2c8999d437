import type { AuthTokens } from '@zhice/shared';
import { API_BASE, takeEarlyResponse } from '../app/earlyStart';
import { ApiError, ClientErrorCode, errorFromResponse, networkError } from './errors';

/** What the HTTP client needs from the session; wired once in main.ts (see sessionHooks in api/session-hooks.ts). */
export interface HttpHooks {
  getAccessToken(): string | null;
  getRefreshToken(): string | null;
  /** new token pair after a successful refresh */
  saveTokens(tokens: AuthTokens): void;
  /** the refresh was refused: clear the session and go to login (called once per failed refresh) */
  onSessionExpired(error: ApiError): void;
  /** sent as Accept-Language so server messages come in the UI language */
  getLocale(): string;
}

/** Per-request options (the subset of axios' config the API modules used). */
export interface RequestConfig {
  /** query parameters; undefined/null are left out, arrays repeat as `key[]=` */
  params?: object;
  headers?: Record<string, string>;
  /** ms; 0 = none. Default: the client's (30 s). */
  timeout?: number;
  /** how a 2xx body is read; default JSON (falling back to text when it is not JSON) */
  responseType?: 'json' | 'blob' | 'text';
  /** Never try a token refresh when this request gets a 401 (login, register, refresh, logout). */
  skipAuthRefresh?: boolean;
  signal?: AbortSignal;
}

/** One request as the transport sees it (fake transports in tests read `url`, `method`, `headers`, `data`). */
export interface HttpRequest extends Omit<RequestConfig, 'headers'> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** path below the base URL, e.g. `/me` */
  url: string;
  headers: Headers;
  /** the body as sent: a JSON string, FormData or nothing */
  data?: string | FormData;
}

/** An answer as the transport gives it: the body already read per `responseType`. */
export interface TransportResponse {
  status: number;
  statusText?: string;
  data: unknown;
  /** lower-case names */
  headers?: Record<string, string>;
}

/**
 * Sends one request. Rejects only when there is no HTTP answer (offline: a TypeError like fetch's;
 * time-out or cancel: an AbortError); any status resolves.
 */
export type HttpAdapter = (request: HttpRequest) => Promise<TransportResponse>;

export interface HttpResponse<T = unknown> {
  data: T;
  status: number;
  /** lower-case names, e.g. `headers['content-disposition']` */
  headers: Record<string, string>;
}

export interface HttpOptions {
  baseURL?: string;
  adapter?: HttpAdapter;
  timeout?: number;
}

// `R` as in axios' signatures, so specs can mock a method with a partial answer (`{ data }`).
export interface HttpClient {
  get<T = unknown, R = HttpResponse<T>>(url: string, config?: RequestConfig): Promise<R>;
  delete<T = unknown, R = HttpResponse<T>>(url: string, config?: RequestConfig): Promise<R>;
  post<T = unknown, R = HttpResponse<T>>(url: string, body?: unknown, config?: RequestConfig): Promise<R>;
  put<T = unknown, R = HttpResponse<T>>(url: string, body?: unknown, config?: RequestConfig): Promise<R>;
  patch<T = unknown, R = HttpResponse<T>>(url: string, body?: unknown, config?: RequestConfig): Promise<R>;
  /** the transport in use (tests swap in a fake one) */
  defaults: { adapter: HttpAdapter };
}

const REFRESHABLE_CODES: ReadonlySet<string> = new Set(['AUTH_TOKEN_EXPIRED', 'AUTH_TOKEN_INVALID']);

/** `?a=1&b[]=x&b[]=y` as axios wrote it: null/undefined left out, dates as ISO strings. */
export function queryString(params: object | undefined): string {
  if (!params) return '';
  const q = new URLSearchParams();
  const put = (key: string, value: unknown) => {
    if (value === undefined || value === null) return;
    q.append(key, value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value));
  };
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const v of value) put(`${key}[]`, v);
    else put(key, value);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** `promise`, or an AbortError as soon as `signal` aborts (a time-out or a cancel), as fetch does. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }));
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** The browser transport: fetch with a time-out, the body read per `responseType`. */
export function fetchAdapter(baseURL: string): HttpAdapter {
  return async (req) => {
    const controller = new AbortController();
    let timedOut = false;
    const timer = req.timeout ? setTimeout(() => ((timedOut = true), controller.abort()), req.timeout) : undefined;
    const onAbort = () => controller.abort();
    req.signal?.addEventListener('abort', onAbort);
    try {
      const url = req.url + queryString(req.params);
      // a GET the page's inline script already sent (app/earlyStart.ts), with the same headers
      const early = req.method === 'get' ? takeEarlyResponse(url, req.headers) : undefined;
      const res = early
        ? await untilAborted(early, controller.signal)
        : await fetch(baseURL + url, {
            method: req.method.toUpperCase(),
            headers: req.headers,
            body: req.data,
            signal: controller.signal,
            credentials: 'same-origin',
          });
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
      let data: unknown;
      // error bodies are always read as JSON when they are (the standard error shape), whatever was asked
      if (req.responseType === 'blob' && res.ok) data = await res.blob();
      else {
        const text = await res.text();
        data = text;
        if (req.responseType !== 'text' || !res.ok) {
          try {
            data = text ? JSON.parse(text) : text;
          } catch {
            /* not JSON: the text */
          }
        }
      }
      return { status: res.status, statusText: res.statusText, data, headers };
    } catch (e) {
      if (timedOut) throw Object.assign(new Error(`timeout of ${req.timeout}ms exceeded`), { name: 'TimeoutError' });
      throw e;
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  };
}

/** A transport failure (no HTTP answer) as an ApiError: time-out, cancel or network. */
function transportError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const name = (e as { name?: unknown } | null)?.name;
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'TimeoutError') return networkError(ClientErrorCode.TIMEOUT, message);
  if (name === 'AbortError') return new ApiError(0, ClientErrorCode.CANCELED, message || 'canceled');
  return networkError(ClientErrorCode.NETWORK_ERROR, message || 'Network Error');
}

/**
 * A small fetch client with Bearer auth, Accept-Language and a single-flight token refresh:
 * when requests fail with 401 AUTH_TOKEN_EXPIRED / AUTH_TOKEN_INVALID, exactly one
 * POST /auth/refresh runs; every failing request waits for it and is retried once with the new token.
 * Errors always reject with ApiError. (It replaced axios: the same behaviour in ~3 KB instead of ~58 KB
 * of every page's entry chunk.)
 */
export function createHttp(hooks: HttpHooks, options: HttpOptions = {}): HttpClient {
  const baseURL = options.baseURL ?? API_BASE;
  const defaultTimeout = options.timeout ?? 30_000;
  const defaults = { adapter: options.adapter ?? fetchAdapter(baseURL) };

  async function send<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    let res: TransportResponse;
    try {
      res = await defaults.adapter(req);
    } catch (e) {
      throw transportError(e);
    }
    if (res.status >= 200 && res.status < 300) return { data: res.data as T, status: res.status, headers: res.headers ?? {} };
    throw errorFromResponse(res.status, res.statusText ?? '', res.data);
  }

  function build(method: HttpRequest['method'], url: string, body: unknown, config: RequestConfig = {}): HttpRequest {
    const headers = new Headers({ Accept: 'application/json, text/plain, */*', ...config.headers });
    let data: string | FormData | undefined;
    if (body instanceof FormData) data = body; // fetch sets the multipart boundary
    else if (body !== undefined) {
      data = JSON.stringify(body);
      headers.set('Content-Type', 'application/json');
    }
    return { ...config, method, url, headers, data, timeout: config.timeout ?? defaultTimeout };
  }

  let refreshing: Promise<string> | null = null;

  function refreshOnce(): Promise<string> {
    if (refreshing) return refreshing;
    refreshing = (async () => {
      const refreshToken = hooks.getRefreshToken();
      if (!refreshToken) throw new ApiError(401, 'AUTH_TOKEN_INVALID', 'No refresh token');
      // sent bare (no Authorization, no refresh of its own), so its own 401 can never recurse
      const req = build('post', '/auth/refresh', { refreshToken }, { headers: { 'Accept-Language': hooks.getLocale() } });
      const res = await send<AuthTokens>(req);
      hooks.saveTokens(res.data);
      return res.data.accessToken;
    })()
      .catch((err: ApiError) => {
        // A refused refresh ends the session; a network blip or 5xx keeps it (the user may retry).
        if (!err.isNetwork && err.statusCode < 500) hooks.onSessionExpired(err);
        throw err;
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  async function request<T>(method: HttpRequest['method'], url: string, body: unknown, config?: RequestConfig): Promise<HttpResponse<T>> {
    const req = build(method, url, body, config);
    const sentToken = hooks.getAccessToken();
    if (sentToken) req.headers.set('Authorization', `Bearer ${sentToken}`);
    req.headers.set('Accept-Language', hooks.getLocale());
    try {
      return await send<T>(req);
    } catch (e) {
      const apiError = e as ApiError;
      if (apiError.statusCode !== 401 || !REFRESHABLE_CODES.has(apiError.code) || req.skipAuthRefresh) throw apiError;
      const current = hooks.getAccessToken();
      let token: string;
      if (current && current !== sentToken) {
        // Another request already refreshed while this one was in flight.
        token = current;
      } else {
        try {
          token = await refreshOnce();
        } catch {
          throw apiError;
        }
      }
      req.headers.set('Authorization', `Bearer ${token}`);
      return send<T>(req); // retried once: a second 401 is the answer
    }
  }

  return {
    defaults,
    get: <T, R>(url: string, config?: RequestConfig) => request<T>('get', url, undefined, config) as Promise<R>,
    delete: <T, R>(url: string, config?: RequestConfig) => request<T>('delete', url, undefined, config) as Promise<R>,
    post: <T, R>(url: string, body?: unknown, config?: RequestConfig) => request<T>('post', url, body, config) as Promise<R>,
    put: <T, R>(url: string, body?: unknown, config?: RequestConfig) => request<T>('put', url, body, config) as Promise<R>,
    patch: <T, R>(url: string, body?: unknown, config?: RequestConfig) => request<T>('patch', url, body, config) as Promise<R>,
  };
}

const hooks: HttpHooks = {
  getAccessToken: () => null,
  getRefreshToken: () => null,
  saveTokens: () => undefined,
  onSessionExpired: () => undefined,
  getLocale: () => 'zh-CN',
};

/** Connects the app-wide client to the session store and router (done once in main.ts). */
export function installHttpHooks(next: HttpHooks): void {
  Object.assign(hooks, next);
}

/** The app's only HTTP client. API modules use it; views never call fetch. */
export const http = createHttp(hooks);
