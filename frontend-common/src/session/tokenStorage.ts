/**
 * Token persistence in localStorage under `<prefix>.accessToken` / `<prefix>.refreshToken`.
 * Each SPA has its own prefix ('zhice.admin' | 'zhice.user'): both apps share an origin in
 * production, and an admin may also be a member.
 */
export interface TokenStorage {
  readonly accessTokenKey: string;
  readonly refreshTokenKey: string;
  read(key: string): string | null;
  write(key: string, value: string | null): void;
}

export function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* storage unavailable */
  }
}

export function createTokenStorage(storagePrefix: string): TokenStorage {
  return {
    accessTokenKey: `${storagePrefix}.accessToken`,
    refreshTokenKey: `${storagePrefix}.refreshToken`,
    read: readStorage,
    write: writeStorage,
  };
}
