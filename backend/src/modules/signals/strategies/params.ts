import type { NumericParamSpec } from './types.js';

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function fmtRange(spec: NumericParamSpec): string {
  const lo = spec.minExclusive ? `(${spec.min}` : `[${spec.min}`;
  const hi = spec.maxExclusive ? `${spec.max})` : `${spec.max}]`;
  return `${spec.integer ? 'an integer' : 'a number'} in ${lo}, ${hi}`;
}

/** Error message for one numeric value, or null when it is valid. */
export function checkNumeric(spec: NumericParamSpec, value: unknown, path = spec.key): string | null {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!spec.integer || Number.isInteger(value)) &&
    (spec.minExclusive ? value > spec.min : value >= spec.min) &&
    (spec.maxExclusive ? value < spec.max : value <= spec.max);
  return ok ? null : `${path}: must be ${fmtRange(spec)}`;
}

/**
 * Validates a partial override of numeric parameters: unknown keys, types and ranges; then, when
 * those pass, `cross` on the merged parameters (e.g. short < long).
 */
export function validateNumericParams<P extends Record<string, unknown>>(
  params: unknown,
  specs: readonly NumericParamSpec[],
  defaults: Readonly<P>,
  cross: ((merged: P) => string[]) | undefined,
  prefix = '',
): string[] {
  if (params === undefined) return [];
  if (!isPlainObject(params)) return [`${prefix || 'params'}: must be an object`];
  const errors: string[] = [];
  for (const key of Object.keys(params)) {
    const spec = specs.find((s) => s.key === key);
    if (!spec) {
      errors.push(`${prefix}${key}: unknown parameter`);
      continue;
    }
    const err = checkNumeric(spec, params[key], prefix + key);
    if (err) errors.push(err);
  }
  if (errors.length === 0 && cross) {
    for (const e of cross({ ...defaults, ...params } as P)) errors.push(prefix + e);
  }
  return errors;
}

export function int(key: string, label: string, min: number, max: number): NumericParamSpec {
  return { key, label, integer: true, min, max };
}

export function num(
  key: string,
  label: string,
  min: number,
  max: number,
  opts: { minExclusive?: boolean; maxExclusive?: boolean } = {},
): NumericParamSpec {
  return { key, label, integer: false, min, max, ...opts };
}

/** Bars of history a window may ask for: about four years of trading days. */
export const MAX_WINDOW = 1000;
