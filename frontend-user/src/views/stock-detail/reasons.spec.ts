import { describe, expect, it } from 'vitest';
import { describeReasons, formatIndicator } from './reasons';

describe('signal reasons for people', () => {
  it('rules fired, composite components, quiet HOLD, values with change', () => {
    const cho = describeReasons({ action: 'BUY', reasons: { values: { cho: 12, macho: 3 }, prev: { cho: 10, macho: null }, rulesFired: ['cho_rising'] } });
    expect(cho.rules).toEqual([{ key: 'cho_rising' }]);
    expect(cho.values).toEqual([
      { key: 'cho', value: 12, prev: 10, change: 2 },
      { key: 'macho', value: 3, prev: null, change: null },
    ]);
    const comp = describeReasons({ action: 'BUY', reasons: { values: {}, prev: {}, rulesFired: ['score_above_buy', 'cho:BUY', 'weird'] } });
    expect(comp.rules).toEqual([{ key: 'score_above_buy' }, { key: 'component', params: { strategy: 'cho', action: 'BUY' } }, { key: 'unknown', params: { rule: 'weird' } }]);
    expect(describeReasons({ action: 'HOLD', reasons: { values: {}, prev: {}, rulesFired: [] } }).rules).toEqual([{ key: 'hold' }]);
  });

  it('formats indicator values compactly per locale', () => {
    expect(formatIndicator(123456789, 'zh-CN')).toBe('1.23亿');
    expect(formatIndicator(-56789, 'zh-CN')).toBe('-5.68万');
    expect(formatIndicator(123456789, 'en')).toBe('123.46M');
    expect(formatIndicator(0.1234567, 'en')).toBe('0.1235');
    expect(formatIndicator(null, 'en')).toBe('—');
  });
});
