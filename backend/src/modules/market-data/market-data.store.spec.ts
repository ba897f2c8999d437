import { describe, expect, it } from 'vitest';
import { pgArray } from './market-data.store.js';

describe('pgArray', () => {
  it('writes array literals for codes, dates, numbers and nulls', () => {
    expect(pgArray(['600000.SH', '000001.SZ'])).toBe('{600000.SH,000001.SZ}');
    expect(pgArray(['2026-01-05'])).toBe('{2026-01-05}');
    expect(pgArray([12.34, 0.1, 1e-7, 52515277, null])).toBe('{12.34,0.1,1e-7,52515277,NULL}');
    expect(pgArray([])).toBe('{}');
  });

  it('refuses anything that would need quoting or is not a finite number', () => {
    expect(() => pgArray(['a,b'])).toThrow();
    expect(() => pgArray(['x"y'])).toThrow();
    expect(() => pgArray([''])).toThrow();
    expect(() => pgArray([Number.NaN])).toThrow();
    expect(() => pgArray([Number.POSITIVE_INFINITY])).toThrow();
  });
});
