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

/**
 * Candlestick (with BUY/SELL markPoints at signal turns) + volume + CHO/MACHO panel, shared x axis
 * and dataZoom (the last ~120 bars shown at first). Pure, unit-tested.
 */
export function klineOption(bars: readonly MarketBarDto[], signals: readonly SignalMark[], labels: KlineLabels, cho: ChoParams = CHO_DEFAULTS): KlineOption {
  const dates = bars.map((b) => b.tradeDate);
  const index = new Map(dates.map((d, i) => [d, i]));
  const { cho: c, macho } = choSeries(bars, cho);
  const marks = turningPoints(signals.filter((s) => index.has(s.tradeDate))).map((s) => {
    const bar = bars[index.get(s.tradeDate)!]!;
    const buy = s.action === 'BUY';
    return {
      name: buy ? labels.buy : labels.sell,
      coord: [s.tradeDate, buy ? bar.low : bar.high],
      value: buy ? labels.buy : labels.sell,
      symbol: 'pin',
      symbolSize: 34,
      symbolRotate: buy ? 180 : 0,
      symbolOffset: [0, buy ? 18 : -18],
      itemStyle: { color: buy ? UP : DOWN },
      label: { color: '#fff', fontSize: 10 },
    };
  });
  const startPct = bars.length > 120 ? Math.round((1 - 120 / bars.length) * 100) : 0;
  return {
    animation: false,
    legend: { top: 0, data: [labels.kline, labels.cho, labels.macho] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [
      { left: 48, right: 12, top: 28, height: '50%' },
      { left: 48, right: 12, top: '63%', height: '12%' },
      { left: 48, right: 12, top: '79%', height: '13%' },
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
      { type: 'slider', xAxisIndex: [0, 1, 2], start: startPct, end: 100, bottom: 0, height: 16 },
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
    ],
  };
}
