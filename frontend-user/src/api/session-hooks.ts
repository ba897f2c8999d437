import type { HttpHooks } from './http';
import type { ApiError } from './errors';
import type { SessionStore } from '@/stores/session';

/** Builds the HTTP client's hooks from the session store. `onExpired` runs after the session is cleared. */
export function sessionHooks(
  session: SessionStore,
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
