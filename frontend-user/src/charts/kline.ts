// The K-line's series (pure): CHO/MACHO, moving averages, weekly bars and the signal turns that get
// markers. klineCanvas.ts lays them out and draws them.
import type { MarketBarDto, SignalActionName } from '@zhice/shared';

/** A-share colours: red up, green down. */
export const UP = '#ec0000';
export const DOWN = '#00a854';

export interface ChoParams {
  short: number;
  long: number;
  smooth: number;
}
export const CHO_DEFAULTS: ChoParams = { short: 3, long: 24, smooth: 24 };

/** Rolling mean with min_periods = 1 (pandas / 通达信 MA while the window fills). */
function rollingMean(xs: readonly number[], n: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    sum += xs[i]!;
    if (i >= n) sum -= xs[i - n]!;
    out.push(sum / Math.min(i + 1, n));
  }
  return out;
}

/**
 * CHO and MACHO (Wind / 通达信) from bars, as the server's strategy computes them:
 * MID = Σ VOL·(2C−H−L)/(H+L); CHO = MA(MID, short) − MA(MID, long); MACHO = MA(CHO, smooth).
 */
export function choSeries(bars: readonly Pick<MarketBarDto, 'high' | 'low' | 'close' | 'volume'>[], p: ChoParams = CHO_DEFAULTS): { cho: number[]; macho: number[] } {
  const mid: number[] = [];
  let acc = 0;
  for (const b of bars) {
    const hl = b.high + b.low;
    acc += hl === 0 ? 0 : (b.volume * (2 * b.close - b.high - b.low)) / hl;
    mid.push(acc);
  }
  const s = rollingMean(mid, p.short);
  const l = rollingMean(mid, p.long);
  const cho = s.map((v, i) => v - l[i]!);
  return { cho, macho: rollingMean(cho, p.smooth) };
}

export interface SignalMark {
  tradeDate: string;
  action: SignalActionName;
  score: number;
}

/**
 * Markers where the signal turns: the first BUY after a non-BUY day and the first SELL after a
 * non-SELL day (a strategy such as CHO says BUY or SELL nearly every day; marking every day hides the bars).
 */
export function turningPoints(signals: readonly SignalMark[]): SignalMark[] {
  const sorted = [...signals].sort((a, b) => (a.tradeDate < b.tradeDate ? -1 : a.tradeDate > b.tradeDate ? 1 : 0));
  const out: SignalMark[] = [];
  let prev: SignalActionName | null = null;
  for (const s of sorted) {
    if (s.action !== 'HOLD' && s.action !== prev) out.push(s);
    prev = s.action;
  }
  return out;
}

export type KlinePeriod = 'day' | 'week';

/** Moving averages drawn over the candles. */
export const MA_WINDOWS = [5, 10, 20] as const;

/** The ISO week a date (YYYY-MM-DD) falls in, as the Monday's date: bars of one week share it. */
function weekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

/**
 * Weekly bars from daily ones (open of the first day, close of the last, extremes, summed volume
 * and amount), dated by the week's last trading day; `indexOf` maps every daily date to its week.
 */
export function toWeekly(bars: readonly MarketBarDto[]): { bars: MarketBarDto[]; indexOf: Map<string, number> } {
  const out: MarketBarDto[] = [];
  const indexOf = new Map<string, number>();
  let key = '';
  for (const b of bars) {
    const k = weekOf(b.tradeDate);
    const last = out.at(-1);
    if (k !== key || !last) {
      out.push({ ...b });
      key = k;
    } else {
      last.tradeDate = b.tradeDate;
      last.high = Math.max(last.high, b.high);
      last.low = Math.min(last.low, b.low);
      last.close = b.close;
      last.volume += b.volume;
      last.amount += b.amount;
    }
    indexOf.set(b.tradeDate, out.length - 1);
  }
  return { bars: out, indexOf };
}

/** Moving average of the closes over `n` bars (null until the window fills). */
export function movingAverage(bars: readonly Pick<MarketBarDto, 'close'>[], n: number): (number | null)[] {
  let sum = 0;
  return bars.map((b, i) => {
    sum += b.close;
    if (i >= n) sum -= bars[i - n]!.close;
    return i >= n - 1 ? Math.round((sum / n) * 1000) / 1000 : null;
  });
}
