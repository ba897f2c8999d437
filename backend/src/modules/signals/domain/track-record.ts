import type { IntervalDto, TrackRecordVerdict } from '@zhice/shared';

/**
 * Reading a member's track record (issue 11 item 6): confidence intervals and a verdict against
 * the random-pick baseline. Pure; the API computes count, mean and standard deviation in SQL.
 */

/** Below this many samples no verdict is given. */
export const MIN_TRACK_SAMPLES = 10;
/** Two-sided 95 %. */
export const Z_95 = 1.96;

/** mean ± z·sd/√n; null below 2 samples or without finite inputs. */
export function meanInterval(mean: number | null, sd: number | null, n: number, z = Z_95): IntervalDto | null {
  if (mean === null || sd === null || !Number.isFinite(mean) || !Number.isFinite(sd) || sd < 0 || n < 2) return null;
  const half = (z * sd) / Math.sqrt(n);
  return { low: mean - half, high: mean + half };
}

/** Wilson score interval of a proportion hits/n, clamped to [0, 1]; null when n = 0. */
export function wilsonInterval(hits: number, n: number, z = Z_95): IntervalDto | null {
  if (!(n > 0) || hits < 0 || hits > n) return null;
  const p = hits / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface VerdictInput {
  count: number;
  meanReturn: number | null;
  /** Sample standard deviation of the direction-adjusted returns. */
  sdReturn: number | null;
  /** The random-pick baseline's average return over the same dates (null: no pool data). */
  baselineMeanReturn: number | null;
}

/**
 * The average return's 95 % interval against the baseline's average return (what following the
 * signals earned versus random picks on the same days, same direction):
 * - `too_few_samples`: fewer than `minSamples` samples, or no interval / baseline to compare with;
 * - `better`: the whole interval lies above the baseline;
 * - `worse`: the whole interval lies below it;
 * - `no_better_than_random`: the interval overlaps (contains) the baseline.
 */
export function trackRecordVerdict(f: VerdictInput, minSamples = MIN_TRACK_SAMPLES): TrackRecordVerdict {
  if (f.count < Math.max(2, minSamples)) return 'too_few_samples';
  const ci = meanInterval(f.meanReturn, f.sdReturn, f.count);
  if (!ci || f.baselineMeanReturn === null || !Number.isFinite(f.baselineMeanReturn)) return 'too_few_samples';
  if (ci.low > f.baselineMeanReturn) return 'better';
  if (ci.high < f.baselineMeanReturn) return 'worse';
  return 'no_better_than_random';
}
