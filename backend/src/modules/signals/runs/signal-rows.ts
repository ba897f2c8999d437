import type { SignalActionName } from '@zhice/shared';
import { CLOSE_DECIMALS, REASON_DECIMALS, roundForChain, SCORE_DECIMALS } from '../domain/hash-chain.js';
import type { SignalOutput } from '../strategies/types.js';

/** A signal row as stored (numbers already rounded for the chain). */
export interface StoredSignal {
  tsCode: string;
  strategyId: string;
  version: number;
  action: SignalActionName;
  score: number;
  close: number;
  reasons: StoredReasons;
}

export interface StoredReasons {
  values: Record<string, number | null>;
  prev: Record<string, number | null>;
  rulesFired: string[];
}

function roundMap(m: Record<string, number | null>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const k of Object.keys(m)) {
    const v = m[k];
    out[k] = v === null || v === undefined || !Number.isFinite(v) ? null : roundForChain(v, REASON_DECIMALS);
  }
  return out;
}

/**
 * What is stored for one strategy output: score (6 decimals), close (4) and every reason value (6)
 * rounded exactly as the canonical chain payload prints them, so the payload recomputed after a
 * database round trip is identical.
 */
export function toStoredSignal(tsCode: string, strategyId: string, version: number, out: SignalOutput, close: number): StoredSignal {
  let score = roundForChain(out.score, SCORE_DECIMALS);
  if (Object.is(score, -0)) score = 0;
  return {
    tsCode,
    strategyId,
    version,
    action: out.action,
    score,
    close: roundForChain(close, CLOSE_DECIMALS),
    reasons: { values: roundMap(out.reasons.values), prev: roundMap(out.reasons.prev), rulesFired: [...out.reasons.rulesFired] },
  };
}

/** The first problem with a columnar series (non-finite price, negative volume), or null. */
export function badBar(cols: { length: number; open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array; tradeDates?: readonly string[] }): string | null {
  for (let i = 0; i < cols.length; i++) {
    const o = cols.open[i]!;
    const h = cols.high[i]!;
    const l = cols.low[i]!;
    const c = cols.close[i]!;
    const v = cols.volume[i]!;
    if (!(o - o === 0 && h - h === 0 && l - l === 0 && c - c === 0 && v - v === 0 && v >= 0)) {
      return `bar ${cols.tradeDates?.[i] ?? i}: OHLC and volume must be finite numbers, volume ≥ 0`;
    }
  }
  return null;
}
