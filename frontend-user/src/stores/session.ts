import type { UserDto } from '@zhice/shared';
import type { RegisterBody } from '@/api/auth';
import * as authApi from '@/api/auth';
import { getMe } from '@/api/me';
import { createSessionStore } from '@zhice/frontend-common/stores/session';

/** The shared session store (frontend-common) with this app's token keys and auth API, plus sign-up. */
const session = createSessionStore(
  {
    storagePrefix: 'zhice.user',
    api: { login: authApi.login, logout: authApi.logout, getMe },
  },
  (core) => ({
    async register(body: RegisterBody): Promise<UserDto> {
      return core.setSession(await authApi.register(body));
    },
  }),
);

export const useSessionStore = session.useSessionStore;
export const ACCESS_TOKEN_KEY = session.accessTokenKey;
export const REFRESH_TOKEN_KEY = session.refreshTokenKey;

export type SessionStore = ReturnType<typeof useSessionStore>;
