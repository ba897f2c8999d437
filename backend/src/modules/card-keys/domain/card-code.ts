import { randomBytes } from 'node:crypto';

/**
 * Card key codes: 16 Crockford base32 symbols = exactly 80 bits from the OS CSPRNG
 * (`crypto.randomBytes`), shown as `XXXX-XXXX-XXXX-XXXX`. The alphabet has no I, L, O or U, so
 * nothing reads as something else; on input the look-alikes map back (I/L → 1, O → 0).
 */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_SYMBOLS = 16;
export const CODE_BITS = CODE_SYMBOLS * 5; // 80

/** 16 symbols from 10 random bytes (80 bits, no modulo bias: every 5 bits is one symbol). */
export function encodeCode(bytes: Uint8Array): string {
  if (bytes.length !== 10) throw new RangeError('a card code needs exactly 10 bytes');
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}

/** `n` fresh canonical codes (16 symbols, no dashes); one randomBytes call per chunk. */
export function generateCodes(n: number, random: (size: number) => Uint8Array = randomBytes): string[] {
  const buf = random(n * 10);
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = encodeCode(buf.subarray(i * 10, i * 10 + 10));
  return out;
}

/** `ABCD-EFGH-JKMN-PQRS` for display and export. */
export function formatCode(canonical: string): string {
  return `${canonical.slice(0, 4)}-${canonical.slice(4, 8)}-${canonical.slice(8, 12)}-${canonical.slice(12, 16)}`;
}

/** `••••-••••-••••-PQRS`: what lists show (the last 4 symbols, 20 of 80 bits). */
export function maskCode(last4: string): string {
  return `••••-••••-••••-${last4}`;
}

const LOOKALIKE: Record<string, string> = { I: '1', L: '1', O: '0' };

/**
 * What a person typed or pasted → the canonical 16 symbols, or null when it cannot be a code.
 * NFKC (full-width forms → ASCII), drop whitespace, dashes of every kind and underscores,
 * upper-case, map the Crockford look-alikes. Never throws; the input is never logged.
 */
export function normalizeCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 200) return null;
  const s = input
    .normalize('NFKC')
    .replace(/[\s\p{Pd}_\u00b7\u30fb\u2212]/gu, '')
    .toUpperCase()
    .replace(/[ILO]/g, (c) => LOOKALIKE[c] ?? c);
  if (s.length !== CODE_SYMBOLS) return null;
  for (const c of s) if (!CROCKFORD.includes(c)) return null;
  return s;
}
