import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { AuthResult, AuthTokens, LoginRequest, UserDto } from '@zhice/shared';
import { createTokenStorage } from '../session/tokenStorage';

/** The auth endpoints a session store calls (each app passes its own typed API functions). */
export interface SessionApi {
  login(body: LoginRequest): Promise<AuthResult>;
  logout(refreshToken: string): Promise<void>;
  getMe(): Promise<UserDto>;
}

export interface SessionStoreOptions {
  /**
   * localStorage prefix: tokens live under `<prefix>.accessToken` / `<prefix>.refreshToken`.
   * Own keys per SPA ('zhice.admin' | 'zhice.user'): both apps share an origin in production,
   * and an admin may also be a member.
   */
  storagePrefix: string;
  api: SessionApi;
}

/** State and actions every app's session store has. */
function sessionCore(options: SessionStoreOptions) {
  const { read, write, accessTokenKey, refreshTokenKey } = createTokenStorage(options.storagePrefix);
  const api = options.api;

  const accessToken = ref<string | null>(read(accessTokenKey));
  const refreshToken = ref<string | null>(read(refreshTokenKey));
  const user = ref<UserDto | null>(null);
  /** when `user` was last read from the server (ms since epoch), 0 = never */
  const userFetchedAt = ref(0);

  const isSignedIn = computed(() => refreshToken.value !== null || accessToken.value !== null);
  const role = computed(() => user.value?.role ?? null);

  let loadingUser: Promise<UserDto> | null = null;

  function setTokens(tokens: AuthTokens): void {
    accessToken.value = tokens.accessToken;
    refreshToken.value = tokens.refreshToken;
    write(accessTokenKey, tokens.accessToken);
    write(refreshTokenKey, tokens.refreshToken);
  }

  function setSession(result: AuthResult): UserDto {
    setTokens(result);
    user.value = result.user;
    userFetchedAt.value = Date.now();
    return result.user;
  }

  /** Forget everything about the signed-in person (tokens, user). */
  function clear(): void {
    accessToken.value = null;
    refreshToken.value = null;
    user.value = null;
    userFetchedAt.value = 0;
    loadingUser = null;
    write(accessTokenKey, null);
    write(refreshTokenKey, null);
  }

  async function login(body: LoginRequest): Promise<UserDto> {
    return setSession(await api.login(body));
  }

  async function fetchUser(): Promise<UserDto> {
    const me = await api.getMe();
    user.value = me;
    userFetchedAt.value = Date.now();
    return me;
  }

  /** Loads the user once per session (concurrent callers share the request). */
  function ensureUser(): Promise<UserDto> {
    if (user.value) return Promise.resolve(user.value);
    loadingUser ??= fetchUser().finally(() => {
      loadingUser = null;
    });
    return loadingUser;
  }

  /** Revokes the refresh token (best effort) and resets the session. */
  async function logout(): Promise<void> {
    const token = refreshToken.value;
    clear();
    if (token) {
      try {
        await api.logout(token);
      } catch {
        /* the local session is gone either way */
      }
    }
  }

  return { accessToken, refreshToken, user, userFetchedAt, isSignedIn, role, setTokens, setSession, clear, login, fetchUser, ensureUser, logout };
}

export type SessionCore = ReturnType<typeof sessionCore>;

/**
 * Builds an app's setup-style `session` store: tokens in localStorage under the app's prefix,
 * the signed-in user loaded once per session, logout that revokes the refresh token.
 * `extend` adds app-only actions built on the core (e.g. the member app's `register`).
 */
export function createSessionStore<Extra extends object = Record<never, never>>(
  options: SessionStoreOptions,
  extend?: (core: SessionCore) => Extra,
) {
  const { accessTokenKey, refreshTokenKey } = createTokenStorage(options.storagePrefix);
  const useSessionStore = defineStore('session', () => {
    const core = sessionCore(options);
    return { ...core, ...(extend ? extend(core) : ({} as Extra)) };
  });
  return { useSessionStore, accessTokenKey, refreshTokenKey };
}
