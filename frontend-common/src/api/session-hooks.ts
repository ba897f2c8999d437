import type { AuthTokens } from '@zhice/shared';
import type { HttpHooks } from './http';
import type { ApiError } from './errors';

/** The part of an app's session store the HTTP client needs. */
export interface TokenSession {
  readonly accessToken: string | null;
  readonly refreshToken: string | null;
  setTokens(tokens: AuthTokens): void;
  clear(): void;
}

/** Builds the HTTP client's hooks from the session store. `onExpired` runs after the session is cleared. */
export function sessionHooks(
  session: TokenSession,
  getLocale: () => string,
  onExpired: (error: ApiError) => void,
): HttpHooks {
  return {
    getAccessToken: () => session.accessToken,
    getRefreshToken: () => session.refreshToken,
    saveTokens: (tokens) => session.setTokens(tokens),
    onSessionExpired: (error) => {
      session.clear();
      onExpired(error);
    },
    getLocale,
  };
}
