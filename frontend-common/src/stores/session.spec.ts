import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/errors';
import { testAuthResult, testUser } from '../test/fixtures';
import { createSessionStore, type SessionApi } from './session';

const user = testUser({ role: 'admin' });
const result = testAuthResult(user);

function fakeApi() {
  return {
    login: vi.fn<SessionApi['login']>(),
    logout: vi.fn<SessionApi['logout']>(),
    getMe: vi.fn<SessionApi['getMe']>(),
  };
}

describe('createSessionStore', () => {
  let api: ReturnType<typeof fakeApi>;
  let useSessionStore: ReturnType<typeof createSessionStore>['useSessionStore'];

  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    api = fakeApi();
    ({ useSessionStore } = createSessionStore({ storagePrefix: 'test.app', api }));
  });

  it('keeps tokens under its own prefix', () => {
    const other = createSessionStore({ storagePrefix: 'test.other', api });
    expect(other.accessTokenKey).toBe('test.other.accessToken');
    expect(other.refreshTokenKey).toBe('test.other.refreshToken');
    useSessionStore().setTokens({ accessToken: 'a', refreshToken: 'r' });
    expect(localStorage.getItem('test.app.accessToken')).toBe('a');
    expect(localStorage.getItem('test.other.accessToken')).toBeNull();
  });

  it('login stores tokens in localStorage and keeps the user', async () => {
    api.login.mockResolvedValue(result);
    const session = useSessionStore();
    expect(session.isSignedIn).toBe(false);
    const u = await session.login({ username: 'alice', password: 'secret123' });
    expect(api.login).toHaveBeenCalledWith({ username: 'alice', password: 'secret123' });
    expect(u).toEqual(user);
    expect(session.user).toEqual(user);
    expect(session.isSignedIn).toBe(true);
    expect(session.role).toBe('admin');
    expect(session.userFetchedAt).toBeGreaterThan(0);
    expect(localStorage.getItem('test.app.accessToken')).toBe('a1');
    expect(localStorage.getItem('test.app.refreshToken')).toBe('r1');
  });

  it('failed login leaves the session empty', async () => {
    api.login.mockRejectedValue(new ApiError(401, 'AUTH_INVALID_CREDENTIALS', 'wrong'));
    const session = useSessionStore();
    await expect(session.login({ username: 'alice', password: 'x' })).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    expect(session.isSignedIn).toBe(false);
    expect(session.user).toBeNull();
    expect(localStorage.getItem('test.app.accessToken')).toBeNull();
  });

  it('restores tokens from localStorage and loads the user once for concurrent callers', async () => {
    localStorage.setItem('test.app.accessToken', 'a0');
    localStorage.setItem('test.app.refreshToken', 'r0');
    api.getMe.mockResolvedValue(user);
    const session = useSessionStore();
    expect(session.isSignedIn).toBe(true);
    expect(session.accessToken).toBe('a0');
    expect(session.userFetchedAt).toBe(0);
    const [a, b] = await Promise.all([session.ensureUser(), session.ensureUser()]);
    expect(a).toEqual(user);
    expect(b).toEqual(user);
    await session.ensureUser();
    expect(api.getMe).toHaveBeenCalledTimes(1);
    expect(session.userFetchedAt).toBeGreaterThan(0);
  });

  it('a failed user load is not cached: the next ensureUser asks again', async () => {
    api.getMe.mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', 'offline')).mockResolvedValueOnce(user);
    const session = useSessionStore();
    await expect(session.ensureUser()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    await expect(session.ensureUser()).resolves.toEqual(user);
    expect(api.getMe).toHaveBeenCalledTimes(2);
  });

  it('fetchUser always reads the user again', async () => {
    api.getMe.mockResolvedValueOnce(user).mockResolvedValueOnce({ ...user, emailVerified: false });
    const session = useSessionStore();
    await session.ensureUser();
    await session.fetchUser();
    expect(session.user?.emailVerified).toBe(false);
    expect(api.getMe).toHaveBeenCalledTimes(2);
  });

  it('logout revokes the refresh token and resets everything, even when the API call fails', async () => {
    api.login.mockResolvedValue(result);
    api.logout.mockRejectedValue(new ApiError(0, 'NETWORK_ERROR', 'offline'));
    const session = useSessionStore();
    await session.login({ username: 'alice', password: 'secret123' });
    await session.logout();
    expect(api.logout).toHaveBeenCalledWith('r1');
    expect(session.isSignedIn).toBe(false);
    expect(session.user).toBeNull();
    expect(session.role).toBeNull();
    expect(session.userFetchedAt).toBe(0);
    expect(session.accessToken).toBeNull();
    expect(localStorage.getItem('test.app.accessToken')).toBeNull();
    expect(localStorage.getItem('test.app.refreshToken')).toBeNull();
  });

  it('logout without a refresh token does not call the API', async () => {
    await useSessionStore().logout();
    expect(api.logout).not.toHaveBeenCalled();
  });

  it('setTokens replaces both tokens (refresh rotation)', () => {
    const session = useSessionStore();
    session.setTokens({ accessToken: 'a2', refreshToken: 'r2' });
    expect(session.accessToken).toBe('a2');
    expect(session.refreshToken).toBe('r2');
    expect(localStorage.getItem('test.app.accessToken')).toBe('a2');
    expect(localStorage.getItem('test.app.refreshToken')).toBe('r2');
  });

  it('extend adds app-only actions that build on the core', async () => {
    const signUp = vi.fn().mockResolvedValue(result);
    const extended = createSessionStore({ storagePrefix: 'test.app', api }, (core) => ({
      async register(body: { username: string }) {
        return core.setSession(await signUp(body));
      },
    }));
    const session = extended.useSessionStore();
    await expect(session.register({ username: 'alice' })).resolves.toEqual(user);
    expect(signUp).toHaveBeenCalledWith({ username: 'alice' });
    expect(session.user).toEqual(user);
    expect(session.isSignedIn).toBe(true);
    expect(localStorage.getItem('test.app.refreshToken')).toBe('r1');
  });
});
