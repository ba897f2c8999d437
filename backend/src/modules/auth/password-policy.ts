import argon2 from 'argon2';

/** Policy from product.md §1: at least 8 characters, not all digits. Returns a reason or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'too_short';
  if (password.length > 128) return 'too_long';
  if (/^\d+$/.test(password)) return 'all_digits';
  return null;
}

// argon2id with OWASP's second recommended profile (19 MiB, t=2, p=1): memory-hard, and quick
// enough that a 2-core server still logs people in promptly.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A valid hash of a random string: verifying against it costs the same as a real user. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  return dummyHash;
}
