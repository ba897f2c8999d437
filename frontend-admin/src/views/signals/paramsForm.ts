import type { StrategyDto, StrategyParamSpecDto } from '@zhice/shared';

/** The editable form of a strategy's parameters: numeric fields per spec + the rest as JSON. */
export interface ParamsForm {
  numbers: Record<string, number | null>;
  /** Non-numeric parameters (composite weights / components) as JSON text; '' when none. */
  json: string;
}

export type ParamRule = { key: 'required' | 'integer' | 'range'; params?: Record<string, number> };

function isNumericKey(spec: readonly StrategyParamSpecDto[], key: string): boolean {
  return spec.some((s) => s.key === key);
}

/** The form for the active version's parameters. */
export function formFromStrategy(s: StrategyDto, params: Record<string, unknown> = s.active.params): ParamsForm {
  const numbers: Record<string, number | null> = {};
  for (const spec of s.paramSpecs) {
    const v = params[spec.key];
    numbers[spec.key] = typeof v === 'number' ? v : null;
  }
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (!isNumericKey(s.paramSpecs, k)) rest[k] = v;
  return { numbers, json: Object.keys(rest).length ? JSON.stringify(rest, null, 2) : '' };
}

/** Client-side checks per numeric field (the server's validator has the last word). */
export function checkNumbers(specs: readonly StrategyParamSpecDto[], numbers: Record<string, number | null>): Record<string, ParamRule> {
  const errors: Record<string, ParamRule> = {};
  for (const spec of specs) {
    const v = numbers[spec.key];
    if (v === null || v === undefined || !Number.isFinite(v)) errors[spec.key] = { key: 'required' };
    else if (spec.integer && !Number.isInteger(v)) errors[spec.key] = { key: 'integer' };
    else if ((spec.minExclusive ? v <= spec.min : v < spec.min) || (spec.maxExclusive ? v >= spec.max : v > spec.max)) {
      errors[spec.key] = { key: 'range', params: { min: spec.min, max: spec.max } };
    }
  }
  return errors;
}

/** The PUT body's `params`, or an error when the JSON part does not parse to an object. */
export function paramsFromForm(form: ParamsForm): { params: Record<string, unknown> } | { error: 'invalidJson' } {
  let rest: Record<string, unknown> = {};
  if (form.json.trim()) {
    try {
      const parsed: unknown = JSON.parse(form.json);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { error: 'invalidJson' };
      rest = parsed as Record<string, unknown>;
    } catch {
      return { error: 'invalidJson' };
    }
  }
  const numbers: Record<string, number> = {};
  for (const [k, v] of Object.entries(form.numbers)) if (v !== null) numbers[k] = v;
  return { params: { ...rest, ...numbers } };
}
