/** Small value coercions shared by the protocol translators. */

/** Missing or non-numeric values become NaN, so the quality check rejects that row rather than the whole day. */
export function numberOrNaN(value: unknown): number {
  return typeof value === 'number' ? value : Number.NaN;
}

/** Unit conversions multiply binary floats (460697.377 × 1000); money is kept to the cent. */
export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function byCodeThenDate<T extends { tsCode: string; tradeDate: string }>(a: T, b: T): number {
  if (a.tsCode !== b.tsCode) return a.tsCode < b.tsCode ? -1 : 1;
  return a.tradeDate < b.tradeDate ? -1 : a.tradeDate > b.tradeDate ? 1 : 0;
}
