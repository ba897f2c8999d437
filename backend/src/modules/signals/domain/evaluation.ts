import type { SignalAction } from '../strategies/types.js';
import { createPrng } from '../../../common/prng/index.js';

/**
 * Signal evaluation: forward returns, hits, per-strategy statistics and a random-pick baseline.
 *
 * Forward return at window w for a signal on day i (close of day i, when the signal is issued):
 * closes[i+w] / closes[i] − 1 over forward-adjusted closes, i.e. close-to-close over the next w
 * trading days (bars, not calendar days). null while the w-th future bar does not exist yet.
 * Hit: BUY with a forward return > 0, SELL with < 0. HOLD is never counted; a return of exactly 0
 * is a miss for both.
 */
export const DEFAULT_WINDOWS: readonly number[] = Object.freeze([1, 5, 10, 20]);

export function forwardReturns(
  closes: ArrayLike<number>,
  i: number,
  windows: readonly number[] = DEFAULT_WINDOWS,
): (number | null)[] {
  const base = closes[i];
  return windows.map((w) => {
    const j = i + w;
    if (base === undefined || !(base > 0) || !Number.isFinite(base) || j >= closes.length) return null;
    const fut = closes[j]!;
    return Number.isFinite(fut) ? fut / base - 1 : null;
  });
}

/** Forward returns of every day at each window, one Float64Array per window, NaN where unknown. */
export function forwardReturnColumns(
  closes: ArrayLike<number>,
  windows: readonly number[] = DEFAULT_WINDOWS,
): Float64Array[] {
  const n = closes.length;
  return windows.map((w) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const base = closes[i]!;
      out[i] = i + w < n && base > 0 ? closes[i + w]! / base - 1 : NaN;
    }
    return out;
  });
}

/** true/false for BUY/SELL with a known forward return; null when not counted (HOLD or unknown). */
export function isHit(action: SignalAction, fwdReturn: number | null | undefined): boolean | null {
  if (action === 'HOLD' || fwdReturn === null || fwdReturn === undefined || !Number.isFinite(fwdReturn)) return null;
  return action === 'BUY' ? fwdReturn > 0 : fwdReturn < 0;
}

/** One issued signal with its forward returns (aligned with the windows passed alongside). */
export interface EvalSample {
  strategyId: string;
  tradeDate: string;
  tsCode: string;
  action: SignalAction;
  forward: readonly (number | null)[];
}

export interface WindowStats {
  strategyId: string;
  window: number;
  /** BUY + SELL samples whose forward return at this window is known. */
  count: number;
  hits: number;
  /** hits / count; null when count = 0. */
  hitRate: number | null;
  /**
   * Mean direction-adjusted return — what following the signal earned: the forward return for a
   * BUY, its negative for a SELL (the loss avoided). null when count = 0.
   */
  meanReturn: number | null;
  buyCount: number;
  sellCount: number;
  /** Mean raw forward return of the BUY samples / of the SELL samples (null when none). */
  meanBuyReturn: number | null;
  meanSellReturn: number | null;
}

interface Acc {
  count: number;
  hits: number;
  signed: number;
  buys: number;
  buySum: number;
  sells: number;
  sellSum: number;
}

const newAcc = (): Acc => ({ count: 0, hits: 0, signed: 0, buys: 0, buySum: 0, sells: 0, sellSum: 0 });

function finish(strategyId: string, window: number, a: Acc): WindowStats {
  return {
    strategyId,
    window,
    count: a.count,
    hits: a.hits,
    hitRate: a.count > 0 ? a.hits / a.count : null,
    meanReturn: a.count > 0 ? a.signed / a.count : null,
    buyCount: a.buys,
    sellCount: a.sells,
    meanBuyReturn: a.buys > 0 ? a.buySum / a.buys : null,
    meanSellReturn: a.sells > 0 ? a.sellSum / a.sells : null,
  };
}

function groupByStrategy(samples: Iterable<EvalSample>): Map<string, EvalSample[]> {
  const m = new Map<string, EvalSample[]>();
  for (const s of samples) {
    if (s.action === 'HOLD') continue;
    let list = m.get(s.strategyId);
    if (!list) m.set(s.strategyId, (list = []));
    list.push(s);
  }
  return m;
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Hit rate, mean return and counts per strategy (sorted by id) and window (in `windows` order). */
export function aggregateStats(samples: Iterable<EvalSample>, windows: readonly number[] = DEFAULT_WINDOWS): WindowStats[] {
  const out: WindowStats[] = [];
  const groups = groupByStrategy(samples);
  for (const strategyId of [...groups.keys()].sort(byCode)) {
    const list = groups.get(strategyId)!;
    windows.forEach((window, w) => {
      const a = newAcc();
      for (const s of list) {
        const r = s.forward[w];
        if (r === null || r === undefined || !Number.isFinite(r)) continue;
        a.count++;
        if (isHit(s.action, r)) a.hits++;
        if (s.action === 'BUY') {
          a.signed += r;
          a.buys++;
          a.buySum += r;
        } else {
          a.signed -= r;
          a.sells++;
          a.sellSum += r;
        }
      }
      out.push(finish(strategyId, window, a));
    });
  }
  return out;
}

/**
 * Forward returns of the whole pool: for each trade date, one entry per stock of the pool that had
 * a bar that day, aligned with the same windows as the samples.
 */
export type PoolForwardReturns = ReadonlyMap<string, readonly (readonly (number | null)[])[]>;

export interface BaselineStats {
  strategyId: string;
  window: number;
  /** Strategy samples the baseline is computed for (those whose date has pool data). */
  count: number;
  hitRate: number | null;
  meanReturn: number | null;
}

/** Per date and window: the pool's known forward returns, and how many are > 0 / < 0. */
interface DayPool {
  values: Float64Array;
  up: number;
  down: number;
  sum: number;
}

function poolIndex(pool: PoolForwardReturns, windows: readonly number[]): Map<string, DayPool[]> {
  const idx = new Map<string, DayPool[]>();
  for (const [date, stocks] of pool) {
    idx.set(
      date,
      windows.map((_, w) => {
        const vals: number[] = [];
        let up = 0;
        let down = 0;
        let sum = 0;
        for (const f of stocks) {
          const r = f[w];
          if (r === null || r === undefined || !Number.isFinite(r)) continue;
          vals.push(r);
          sum += r;
          if (r > 0) up++;
          else if (r < 0) down++;
        }
        return { values: Float64Array.from(vals), up, down, sum };
      }),
    );
  }
  return idx;
}

/**
 * The random-pick baseline, exactly (its expectation, no sampling noise).
 *
 * Definition: for every BUY/SELL sample the strategy issued on date d whose own forward return at
 * window w is known, replace the chosen stock by a stock drawn uniformly from the pool stocks with
 * a known forward return at (d, w), keeping the date and the direction. The baseline hit rate is
 * the expected hit rate of those random picks: the mean over samples of the share of pool stocks
 * with a forward return > 0 on d (BUY) or < 0 (SELL); the baseline mean return is the mean over
 * samples of ± the pool's mean forward return on d. Same dates, same pool, same BUY/SELL mix —
 * only the stock selection is random, so "strategy − baseline" isolates selection skill from
 * market drift on those dates (a strategy that merely says BUY in a rising market does not beat it).
 */
export function expectedBaseline(
  samples: Iterable<EvalSample>,
  pool: PoolForwardReturns,
  windows: readonly number[] = DEFAULT_WINDOWS,
): BaselineStats[] {
  const idx = poolIndex(pool, windows);
  const out: BaselineStats[] = [];
  const groups = groupByStrategy(samples);
  for (const strategyId of [...groups.keys()].sort(byCode)) {
    const list = groups.get(strategyId)!;
    windows.forEach((window, w) => {
      let count = 0;
      let hitSum = 0;
      let retSum = 0;
      for (const s of list) {
        const r = s.forward[w];
        if (r === null || r === undefined || !Number.isFinite(r)) continue;
        const day = idx.get(s.tradeDate)?.[w];
        if (!day || day.values.length === 0) continue;
        const n = day.values.length;
        count++;
        if (s.action === 'BUY') {
          hitSum += day.up / n;
          retSum += day.sum / n;
        } else {
          hitSum += day.down / n;
          retSum -= day.sum / n;
        }
      }
      out.push({
        strategyId,
        window,
        count,
        hitRate: count > 0 ? hitSum / count : null,
        meanReturn: count > 0 ? retSum / count : null,
      });
    });
  }
  return out;
}

/**
 * The same baseline by simulation: `draws` random picks per sample with a seeded PRNG (sfc32,
 * one stream per strategy and window, seeded by `${seed}|${strategyId}|${window}`; samples are
 * visited in (tradeDate, tsCode) order, so input order does not matter). Converges to
 * {@link expectedBaseline}; useful to show members "random picks" literally.
 */
export function sampledBaseline(
  samples: Iterable<EvalSample>,
  pool: PoolForwardReturns,
  windows: readonly number[] = DEFAULT_WINDOWS,
  opts: { seed: number | string; draws?: number },
): BaselineStats[] {
  const draws = opts.draws ?? 1;
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError('draws must be a positive integer');
  const idx = poolIndex(pool, windows);
  const out: BaselineStats[] = [];
  const groups = groupByStrategy(samples);
  for (const strategyId of [...groups.keys()].sort(byCode)) {
    const list = [...groups.get(strategyId)!].sort(
      (a, b) => byCode(a.tradeDate, b.tradeDate) || byCode(a.tsCode, b.tsCode),
    );
    windows.forEach((window, w) => {
      const rng = createPrng(`${opts.seed}|${strategyId}|${window}`);
      let count = 0;
      let hits = 0;
      let retSum = 0;
      for (const s of list) {
        const r = s.forward[w];
        if (r === null || r === undefined || !Number.isFinite(r)) continue;
        const day = idx.get(s.tradeDate)?.[w];
        if (!day || day.values.length === 0) continue;
        count++;
        for (let k = 0; k < draws; k++) {
          const pick = day.values[rng.nextInt(day.values.length)]!;
          if (isHit(s.action, pick)) hits++;
          retSum += s.action === 'BUY' ? pick : -pick;
        }
      }
      const n = count * draws;
      out.push({ strategyId, window, count, hitRate: n > 0 ? hits / n : null, meanReturn: n > 0 ? retSum / n : null });
    });
  }
  return out;
}
