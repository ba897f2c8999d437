import axios, { type AxiosAdapter, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import type { AuthTokens } from '@zhice/shared';
import { ApiError, toApiError } from './errors';

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Never try a token refresh when this request gets a 401 (login, register, refresh, logout). */
    skipAuthRefresh?: boolean;
  }
}

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

export interface HttpOptions {
  baseURL?: string;
  adapter?: AxiosAdapter;
  timeout?: number;
}

interface RetryableConfig extends InternalAxiosRequestConfig {
  _retried?: boolean;
  _sentToken?: string | null;
}

const REFRESHABLE_CODES: ReadonlySet<string> = new Set(['AUTH_TOKEN_EXPIRED', 'AUTH_TOKEN_INVALID']);

/**
 * One axios instance with Bearer auth, Accept-Language and a single-flight token refresh:
 * when requests fail with 401 AUTH_TOKEN_EXPIRED / AUTH_TOKEN_INVALID, exactly one
 * POST /auth/refresh runs; every failing request waits for it and is retried once with the new token.
 * Errors always reject with ApiError.
 */
export function createHttp(hooks: HttpHooks, options: HttpOptions = {}): AxiosInstance {
  const baseURL = options.baseURL ?? '/api/v1';
  const timeout = options.timeout ?? 30_000;
  const instance = axios.create({ baseURL, timeout, adapter: options.adapter });
  // The refresh call goes through a bare instance so its own 401 can never recurse.
  const bare = axios.create({ baseURL, timeout, adapter: options.adapter });

  let refreshing: Promise<string> | null = null;

  function refreshOnce(): Promise<string> {
    if (refreshing) return refreshing;
    refreshing = (async () => {
      const refreshToken = hooks.getRefreshToken();
      if (!refreshToken) {
        throw new ApiError(401, 'AUTH_TOKEN_INVALID', 'No refresh token');
      }
      try {
        const res = await bare.post<AuthTokens>(
          '/auth/refresh',
          { refreshToken },
          { headers: { 'Accept-Language': hooks.getLocale() } },
        );
        hooks.saveTokens(res.data);
        return res.data.accessToken;
      } catch (e) {
        throw toApiError(e);
      }
    })()
      .catch((e: unknown) => {
        const err = toApiError(e);
        // A refused refresh ends the session; a network blip or 5xx keeps it (the user may retry).
        if (!err.isNetwork && err.statusCode < 500) hooks.onSessionExpired(err);
        throw err;
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  instance.interceptors.request.use((config) => {
    const cfg = config as RetryableConfig;
    const token = hooks.getAccessToken();
    if (token) cfg.headers.set('Authorization', `Bearer ${token}`);
    else cfg.headers.delete('Authorization');
    cfg.headers.set('Accept-Language', hooks.getLocale());
    cfg._sentToken = token;
    return cfg;
  });

  instance.interceptors.response.use(
    (response) => response,
    async (error: unknown) => {
      const apiError = toApiError(error);
      const cfg = axios.isAxiosError(error) ? (error.config as RetryableConfig | undefined) : undefined;
      const canRefresh =
        cfg !== undefined &&
        apiError.statusCode === 401 &&
        REFRESHABLE_CODES.has(apiError.code) &&
        !cfg._retried &&
        !cfg.skipAuthRefresh;
      if (!canRefresh || !cfg) throw apiError;

      cfg._retried = true;
      const current = hooks.getAccessToken();
      let token: string;
      if (current && current !== cfg._sentToken) {
        // Another request already refreshed while this one was in flight.
        token = current;
      } else {
        try {
          token = await refreshOnce();
        } catch {
          throw apiError;
        }
      }
      cfg.headers.set('Authorization', `Bearer ${token}`);
      return instance.request(cfg);
    },
  );

  return instance;
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

/** The app's only HTTP client. API modules use it; views never import axios. */
export const http = createHttp(hooks);
