import { describe, expect, it } from 'vitest';
import type { SignalStatsItemDto, StrategyDto } from '@zhice/shared';
import { checkNumbers, formFromStrategy, paramsFromForm } from './paramsForm';
import { formatVersions, isActive, runPercent, runStatusType } from './runProgress';
import { statsChartOption } from './statsChart';

const cho: StrategyDto = {
  id: 'cho',
  description: 'CHO',
  paramSpecs: [
    { key: 'short', label: 'Short', integer: true, min: 1, max: 1000 },
    { key: 'long', label: 'Long', integer: true, min: 2, max: 1000 },
  ],
  defaultParams: { short: 3, long: 24 },
  active: { version: 2, params: { short: 5, long: 20 }, note: 'params', createdAt: '2026-01-01T00:00:00Z', createdBy: null },
  history: [],
  levels: [0],
};
const composite: StrategyDto = {
  ...cho,
  id: 'composite',
  paramSpecs: [{ key: 'buyAbove', label: 'BUY above', integer: false, min: -1, max: 1, maxExclusive: true }],
  defaultParams: { buyAbove: 0.3, weights: { cho: 1 } },
  active: { ...cho.active, params: { buyAbove: 0.3, weights: { cho: 1 }, components: {} } },
};

describe('strategy params form', () => {
  it('splits numeric params from the JSON rest and rebuilds the PUT body', () => {
    const f = formFromStrategy(cho);
    expect(f).toEqual({ numbers: { short: 5, long: 20 }, json: '' });
    expect(paramsFromForm(f)).toEqual({ params: { short: 5, long: 20 } });
    const c = formFromStrategy(composite);
    expect(c.numbers).toEqual({ buyAbove: 0.3 });
    expect(JSON.parse(c.json)).toEqual({ weights: { cho: 1 }, components: {} });
    c.json = '{"weights":{"cho":2}}';
    c.numbers.buyAbove = 0.4;
    expect(paramsFromForm(c)).toEqual({ params: { weights: { cho: 2 }, buyAbove: 0.4 } });
    expect(paramsFromForm({ numbers: {}, json: '[1]' })).toEqual({ error: 'invalidJson' });
    expect(paramsFromForm({ numbers: {}, json: '{x' })).toEqual({ error: 'invalidJson' });
    expect(formFromStrategy(cho, cho.defaultParams).numbers).toEqual({ short: 3, long: 24 });
  });

  it('checks required, integer and range per spec (exclusive bounds too)', () => {
    expect(checkNumbers(cho.paramSpecs, { short: 3, long: 24 })).toEqual({});
    expect(checkNumbers(cho.paramSpecs, { short: null, long: 2.5 })).toEqual({ short: { key: 'required' }, long: { key: 'integer' } });
    expect(checkNumbers(cho.paramSpecs, { short: 0, long: 24 })).toEqual({ short: { key: 'range', params: { min: 1, max: 1000 } } });
    expect(checkNumbers(composite.paramSpecs, { buyAbove: 1 }).buyAbove?.key).toBe('range');
  });
});

describe('run progress', () => {
  it('percent, status colour, activity, versions', () => {
    expect(runPercent({ status: 'running', total: 200, processed: 50 })).toBe(25);
    expect(runPercent({ status: 'queued', total: 0, processed: 0 })).toBe(0);
    expect(runPercent({ status: 'done', total: 0, processed: 0 })).toBe(100);
    expect(runStatusType('failed')).toBe('danger');
    expect(isActive({ status: 'queued' })).toBe(true);
    expect(isActive({ status: 'done' })).toBe(false);
    expect(formatVersions({ cho: 1, composite: 2 })).toBe('cho v1, composite v2');
  });
});

describe('stats chart', () => {
  const item = (window: 1 | 5 | 10 | 20, hitRate: number | null, base: number | null, count: number): SignalStatsItemDto => ({
    strategyId: 'cho',
    window,
    count,
    hits: 0,
    hitRate,
    meanReturn: null,
    baseline: { count, hitRate: base, meanReturn: null },
  });

  it('hit rate next to the baseline per window, in %, windows ordered, counts on the axis', () => {
    const o = statsChartOption([item(5, 0.55, 0.5, 40), item(1, 0.5123, 0.49, 50)], { hitRate: 'H', baseline: 'B', window: (n) => `${n}d`, count: 'n' });
    expect((o.xAxis as { data: string[] }).data).toEqual(['1d\nn 50', '5d\nn 40']);
    const series = o.series as Array<{ name: string; data: (number | null)[] }>;
    expect(series.map((s) => s.name)).toEqual(['H', 'B']);
    expect(series[0]!.data).toEqual([51.2, 55]);
    expect(series[1]!.data).toEqual([49, 50]);
    const empty = statsChartOption([item(20, null, null, 0)], { hitRate: 'H', baseline: 'B', window: (n) => `${n}d`, count: 'n' });
    expect((empty.series as Array<{ data: unknown[] }>)[0]!.data).toEqual([null]);
  });
});
