import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, CandlestickSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { DataZoomComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { MarketBarDto, SignalActionName } from '@zhice/shared';

export type KlineOption = ComposeOption<
  CandlestickSeriesOption | BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | DataZoomComponentOption
>;

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

export interface KlineLabels {
  kline: string;
  volume: string;
  cho: string;
  macho: string;
  buy: string;
  sell: string;
}

/** The tooltip's words and number formats (the page passes them in the UI language). */
export interface KlineTooltip {
  open: string;
  high: string;
  low: string;
  close: string;
  change: string;
  volume: string;
  price: (yuan: number) => string;
  shares: (n: number) => string;
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

/**
 * Candlestick (with BUY/SELL markPoints at signal turns) + volume + CHO/MACHO panel, shared x axis
 * and dataZoom (the last ~120 bars shown at first). Pure, unit-tested.
 */
export function klineOption(
  daily: readonly MarketBarDto[],
  signals: readonly SignalMark[],
  labels: KlineLabels,
  cho: ChoParams = CHO_DEFAULTS,
  view: { period?: KlinePeriod; tooltip?: KlineTooltip } = {},
): KlineOption {
  const weekly = view.period === 'week' ? toWeekly(daily) : null;
  const bars = weekly ? weekly.bars : daily;
  const dates = bars.map((b) => b.tradeDate);
  const index = weekly ? weekly.indexOf : new Map(dates.map((d, i) => [d, i]));
  const { cho: c, macho } = choSeries(bars, cho);
  const seen = new Set<string>();
  const marks = turningPoints(signals.filter((s) => index.has(s.tradeDate))).flatMap((s) => {
    const bar = bars[index.get(s.tradeDate)!]!;
    // one marker per bar and action (a week may hold several turns)
    const k = `${bar.tradeDate}:${s.action}`;
    if (seen.has(k)) return [];
    seen.add(k);
    return [s];
  }).map((s) => {
    const bar = bars[index.get(s.tradeDate)!]!;
    const buy = s.action === 'BUY';
    return {
      name: buy ? labels.buy : labels.sell,
      coord: [bar.tradeDate, buy ? bar.low : bar.high],
      value: buy ? labels.buy : labels.sell,
      symbol: 'pin',
      symbolSize: 34,
      symbolRotate: buy ? 180 : 0,
      symbolOffset: [0, buy ? 18 : -18],
      itemStyle: { color: buy ? UP : DOWN },
      label: { color: '#fff', fontSize: 10 },
    };
  });
  const shown = weekly ? 60 : 120;
  const startPct = bars.length > shown ? Math.round((1 - shown / bars.length) * 100) : 0;
  const tip = view.tooltip;
  const maNames = MA_WINDOWS.map((n) => `MA${n}`);
  const maSeries = MA_WINDOWS.map((n) => movingAverage(bars, n));
  return {
    animation: false,
    legend: { top: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 }, data: [labels.kline, ...maNames, labels.cho, labels.macho] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'cross' },
      // inside the chart's box (a phone's card), never off-screen
      confine: true,
      ...(tip
        ? {
            formatter: (params: unknown) => {
              const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
              const i = first?.dataIndex ?? -1;
              const b = bars[i];
              if (!b) return '';
              const prev = bars[i - 1];
              const pct = prev && prev.close ? ((b.close - prev.close) / prev.close) * 100 : null;
              const row = (k: string, v: string) => `<div style="display:flex;justify-content:space-between;gap:12px"><span>${k}</span><b>${v}</b></div>`;
              return [
                `<div style="font-weight:600;margin-bottom:2px">${b.tradeDate}</div>`,
                row(tip.open, tip.price(b.open)),
                row(tip.high, tip.price(b.high)),
                row(tip.low, tip.price(b.low)),
                row(tip.close, tip.price(b.close)),
                pct === null ? '' : row(tip.change, `${pct > 0 ? '+' : ''}${pct.toFixed(2)}%`),
                row(tip.volume, tip.shares(b.volume)),
                ...MA_WINDOWS.map((n, k) => (maSeries[k]![i] == null ? '' : row(`MA${n}`, tip.price(maSeries[k]![i]!)))),
              ].join('');
            },
          }
        : {}),
    },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    // Pixel margins at the bottom: the date labels sit between the last panel and the zoom slider.
    grid: [
      { left: 48, right: 12, top: 28, height: '48%' },
      { left: 48, right: 12, top: '60%', height: '11%' },
      { left: 48, right: 12, top: '75%', bottom: 56 },
    ],
    xAxis: [0, 1, 2].map((gridIndex) => ({
      type: 'category' as const,
      gridIndex,
      data: dates,
      boundaryGap: true,
      axisLabel: { show: gridIndex === 2 },
      axisTick: { show: gridIndex === 2 },
    })),
    yAxis: [
      { scale: true, gridIndex: 0, splitNumber: 4 },
      { scale: true, gridIndex: 1, splitNumber: 2, axisLabel: { show: false } },
      { scale: true, gridIndex: 2, splitNumber: 2, axisLabel: { show: false } },
    ],
    dataZoom: [
      { type: 'inside', xAxisIndex: [0, 1, 2], start: startPct, end: 100 },
      { type: 'slider', xAxisIndex: [0, 1, 2], start: startPct, end: 100, bottom: 6, height: 18, showDetail: false },
    ],
    series: [
      {
        name: labels.kline,
        type: 'candlestick',
        xAxisIndex: 0,
        yAxisIndex: 0,
        // ECharts candlestick order: open, close, low, high.
        data: bars.map((b) => [b.open, b.close, b.low, b.high]),
        itemStyle: { color: UP, color0: DOWN, borderColor: UP, borderColor0: DOWN },
        markPoint: { data: marks },
      },
      {
        name: labels.volume,
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: bars.map((b) => ({ value: b.volume, itemStyle: { color: b.close >= b.open ? UP : DOWN } })),
      },
      { name: labels.cho, type: 'line', xAxisIndex: 2, yAxisIndex: 2, data: c, showSymbol: false, lineStyle: { width: 1 } },
      { name: labels.macho, type: 'line', xAxisIndex: 2, yAxisIndex: 2, data: macho, showSymbol: false, lineStyle: { width: 1 } },
      ...MA_WINDOWS.map((n, k) => ({
        name: maNames[k]!,
        type: 'line' as const,
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: maSeries[k]!,
        showSymbol: false,
        smooth: true,
        lineStyle: { width: 1 },
      })),
    ],
  };
}
