import { createHash } from 'node:crypto';

/** Largest amount a JSON number carries exactly (2^53 − 1 fen). */
export const MAX_AMOUNT_FEN = BigInt(Number.MAX_SAFE_INTEGER);

export function isValidAmount(amount: bigint): boolean {
  return amount > 0n && amount <= MAX_AMOUNT_FEN;
}

/** fen (bigint) → JSON number; amounts never exceed 2^53 − 1, balances neither (checked). */
export function fenNumber(v: bigint | string | number): number {
  const b = BigInt(v);
  if (b > MAX_AMOUNT_FEN || b < -MAX_AMOUNT_FEN) throw new RangeError(`amount out of the safe range: ${b}`);
  return Number(b);
}

/** Canonical hash of what a request asks for, to tell a replay from a reused key. */
export function requestHash(parts: Record<string, string | number | bigint | null | undefined>): string {
  const canon = Object.keys(parts)
    .sort()
    .map((k) => `${k}=${parts[k] === undefined || parts[k] === null ? '' : String(parts[k])}`)
    .join('\n');
  return createHash('sha256').update(canon).digest('hex');
}

/** Masks a payout account: keeps the last 4 characters (and the first 4 of long numbers). */
export function maskAccount(raw: string): string {
  const s = raw.replace(/\s+/g, ' ').trim();
  const digits = s.replace(/\s/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (digits.length >= 12) return `${digits.slice(0, 4)} **** **** ${digits.slice(-4)}`;
  return `${'*'.repeat(Math.min(8, digits.length - 4))}${digits.slice(-4)}`;
}
