import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { AuthResult, AuthTokens, LoginRequest, UserDto } from '@zhice/shared';
import * as authApi from '@/api/auth';
import { getMe } from '@/api/me';
import { createTokenStorage } from '@zhice/frontend-common/session/tokenStorage';

/** Own keys per SPA: both apps share an origin in production, and an admin may also be a member. */
const tokens = createTokenStorage('zhice.admin');
export const ACCESS_TOKEN_KEY = tokens.accessTokenKey;
export const REFRESH_TOKEN_KEY = tokens.refreshTokenKey;
const read = tokens.read;
const write = tokens.write;

export const useSessionStore = defineStore('session', () => {
  const accessToken = ref<string | null>(read(ACCESS_TOKEN_KEY));
  const refreshToken = ref<string | null>(read(REFRESH_TOKEN_KEY));
  const user = ref<UserDto | null>(null);

  const isSignedIn = computed(() => refreshToken.value !== null || accessToken.value !== null);
  const role = computed(() => user.value?.role ?? null);

  let loadingUser: Promise<UserDto> | null = null;

  function setTokens(tokens: AuthTokens): void {
    accessToken.value = tokens.accessToken;
    refreshToken.value = tokens.refreshToken;
    write(ACCESS_TOKEN_KEY, tokens.accessToken);
    write(REFRESH_TOKEN_KEY, tokens.refreshToken);
  }

  function setSession(result: AuthResult): UserDto {
    setTokens(result);
    user.value = result.user;
    return result.user;
  }

  /** Forget everything about the signed-in person (tokens, user). */
  function clear(): void {
    accessToken.value = null;
    refreshToken.value = null;
    user.value = null;
    loadingUser = null;
    write(ACCESS_TOKEN_KEY, null);
    write(REFRESH_TOKEN_KEY, null);
  }

  async function login(body: LoginRequest): Promise<UserDto> {
    return setSession(await authApi.login(body));
  }

  async function fetchUser(): Promise<UserDto> {
    const me = await getMe();
    user.value = me;
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
        await authApi.logout(token);
      } catch {
        /* the local session is gone either way */
      }
    }
  }

  return { accessToken, refreshToken, user, isSignedIn, role, setTokens, setSession, clear, login, fetchUser, ensureUser, logout };
});

export type SessionStore = ReturnType<typeof useSessionStore>;
