import { describe, expect, it } from 'vitest';
import { randomBars } from '../../../../test/fixtures/signals/synthetic-bars.js';
import { compositeStrategy } from './composite.strategy.js';
import { getStrategy, isStrategyId, STRATEGIES, STRATEGY_IDS } from './registry.js';

describe('strategy registry', () => {
  it('lists every strategy once, the existing system’s CHO first', () => {
    expect(STRATEGY_IDS).toEqual(['cho', 'ma_cross', 'macd_cross', 'rsi_bands', 'boll_break', 'volume_confirm', 'composite']);
    expect(getStrategy('cho').id).toBe('cho');
    expect(isStrategyId('macd_cross')).toBe(true);
    expect(isStrategyId('nope')).toBe(false);
  });

  it('every strategy’s defaults are valid', () => {
    for (const s of STRATEGIES) {
      expect(s.validateParams(undefined)).toEqual([]);
      expect(s.validateParams({})).toEqual([]);
      expect(s.validateParams(s.defaultParams)).toEqual([]);
    }
  });
});

describe('validateParams', () => {
  const cases: [string, unknown, string[]][] = [
    ['cho', { short: 24, long: 3 }, ['short: must be less than long']],
    ['cho', { short: 5 }, []],
    ['cho', { short: 24 }, ['short: must be less than long']],
    ['cho', { short: 2.5 }, ['short: must be an integer in [1, 1000]']],
    ['cho', { short: 0 }, ['short: must be an integer in [1, 1000]']],
    ['cho', { long: '24' }, ['long: must be an integer in [2, 1000]']],
    ['cho', { smooth: Number.NaN }, ['smooth: must be an integer in [1, 1000]']],
    ['cho', { lenght: 3 }, ['lenght: unknown parameter']],
    ['cho', [3, 24, 24], ['params: must be an object']],
    ['cho', null, ['params: must be an object']],
    ['ma_cross', { fast: 20, slow: 20 }, ['fast: must be less than slow']],
    ['ma_cross', { fast: 10, slow: 60 }, []],
    ['macd_cross', { fast: 26, slow: 12 }, ['fast: must be less than slow']],
    ['macd_cross', { signal: 0 }, ['signal: must be an integer in [1, 1000]']],
    ['rsi_bands', { low: 80 }, ['low: must be less than high']],
    ['rsi_bands', { low: 0 }, ['low: must be a number in (0, 100)']],
    ['rsi_bands', { high: 100 }, ['high: must be a number in (0, 100)']],
    ['rsi_bands', { period: 1 }, ['period: must be an integer in [2, 1000]']],
    ['rsi_bands', { low: 20.5, high: 79.5 }, []],
    ['boll_break', { k: 0 }, ['k: must be a number in (0, 10]']],
    ['boll_break', { k: 2.5, period: 26 }, []],
    ['volume_confirm', { k: -1, period: 0 }, ['k: must be a number in (0, 100]', 'period: must be an integer in [1, 1000]']],
    ['composite', { buyAbove: 0.2, sellBelow: 0.4 }, ['sellBelow: must be less than buyAbove']],
    ['composite', { buyAbove: 1 }, ['buyAbove: must be a number in [-1, 1)']],
    ['composite', { weights: { cho: -1 } }, ['weights.cho: must be a number in [0, 100]']],
    ['composite', { weights: { composite: 1 } }, ['weights.composite: unknown strategy']],
    [
      'composite',
      { weights: { cho: 0, ma_cross: 0, macd_cross: 0, rsi_bands: 0, boll_break: 0, volume_confirm: 0 } },
      ['weights: at least one must be positive'],
    ],
    ['composite', { components: { cho: { short: 30 } } }, ['components.cho.short: must be less than long']],
    ['composite', { components: { foo: {} } }, ['components.foo: unknown strategy']],
    ['composite', { threshold: 1 }, ['threshold: unknown parameter']],
    ['composite', { weights: { cho: 2, volume_confirm: 0 }, buyAbove: 0.1, sellBelow: -0.2 }, []],
  ];
  for (const [id, params, errors] of cases) {
    it(`${id} ${JSON.stringify(params)} → ${errors.length ? errors.join('; ') : 'valid'}`, () => {
      expect(getStrategy(id as never).validateParams(params)).toEqual(errors);
    });
  }

  it('evaluateSeries and signalAt refuse invalid params with a RangeError listing the problems', () => {
    const bars = randomBars(1, 30);
    expect(() => getStrategy('cho').evaluateSeries(bars, { short: 30, long: 3 })).toThrow(/invalid cho params: short: must be less than long/);
    expect(() => getStrategy('ma_cross').signalAt(bars, 5, { fast: 0 })).toThrow(RangeError);
  });

  it('resolveParams merges overrides onto the defaults (composite weights per key)', () => {
    expect(getStrategy('cho').resolveParams({ long: 10 })).toEqual({ short: 3, long: 10, smooth: 24 });
    const p = compositeStrategy.resolveParams({ weights: { cho: 3 } });
    expect(p.weights).toEqual({ cho: 3, ma_cross: 1, macd_cross: 1, rsi_bands: 1, boll_break: 1, volume_confirm: 1 });
    expect([p.buyAbove, p.sellBelow]).toEqual([0.3, -0.3]);
  });

  it('resolved params are deep-frozen and recognised (no re-validation per stock), per strategy only', () => {
    const cho = getStrategy('cho');
    const p = cho.resolveParams({ long: 10 });
    expect(Object.isFrozen(p)).toBe(true);
    expect(cho.resolveParams(p)).toBe(p);
    expect(cho.resolveParams()).toBe(cho.defaultParams);
    // another strategy does not trust it: cho's keys are unknown to ma_cross
    expect(() => getStrategy('ma_cross').resolveParams(p as never)).toThrow(/short: unknown parameter/);
    const input = { weights: { cho: 2 }, components: { cho: { long: 10 } } };
    const c = compositeStrategy.resolveParams(input);
    expect(Object.isFrozen(c.weights) && Object.isFrozen(c.components.cho)).toBe(true);
    expect(Object.isFrozen(input.components.cho)).toBe(false); // the caller's objects are left alone
    expect(compositeStrategy.resolveParams(c)).toBe(c);
  });

  it('signalAt rejects a day outside the series', () => {
    const bars = randomBars(2, 10);
    expect(() => getStrategy('cho').signalAt(bars, 10)).toThrow(RangeError);
    expect(() => getStrategy('cho').evaluateSeries(bars).at(-1)).toThrow(RangeError);
  });
});

describe('servedStrategyId (the level → strategy rule of GET /me/stocks and the member routes)', () => {
  it('serves the replaced strategy while the new one is computed, else the level’s, else the default', async () => {
    const { servedStrategyId, DEFAULT_STRATEGY_ID } = await import('./registry.js');
    expect(servedStrategyId({ strategyId: 'macd_cross', servedStrategyId: 'cho' })).toBe('cho');
    expect(servedStrategyId({ strategyId: 'macd_cross', servedStrategyId: null })).toBe('macd_cross');
    expect(servedStrategyId({ strategyId: 'macd_cross', servedStrategyId: 'nope' })).toBe('macd_cross');
    expect(servedStrategyId({ strategyId: 'nope', servedStrategyId: null })).toBe(DEFAULT_STRATEGY_ID);
    expect(servedStrategyId({ strategyId: null, servedStrategyId: null })).toBe(DEFAULT_STRATEGY_ID);
    expect(servedStrategyId(undefined)).toBe(DEFAULT_STRATEGY_ID);
  });
});
