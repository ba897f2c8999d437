// Spec for shared/src/ts-code.ts (lives here because the unit project only collects backend specs).
import { exchangeOf, inferExchange, isTsCode, normalizeTsCode } from '@zhice/shared';
import { describe, expect, it } from 'vitest';

const code = (s: string) => {
  const r = normalizeTsCode(s);
  return r.ok ? r.tsCode : `!${r.reason}`;
};

describe('normalizeTsCode', () => {
  it.each([
    ['600000', '600000.SH'],
    ['sh600000', '600000.SH'],
    ['SH600000', '600000.SH'],
    ['600000.SH', '600000.SH'],
    ['600000.sh', '600000.SH'],
    ['SH.600000', '600000.SH'],
    ['sh 600000', '600000.SH'],
    ['600000SH', '600000.SH'],
    ['６０００００', '600000.SH'],
    ['ｓｈ６０００００', '600000.SH'],
    ['６０００３６．ＳＨ', '600036.SH'],
    ['  600000  ', '600000.SH'],
    ['\u3000600000\u3000', '600000.SH'],
    ['"600000"', '600000.SH'],
    ["'000001", '000001.SZ'],
    ['“000001”', '000001.SZ'],
    ['="000001"', '000001.SZ'],
    ['\uFEFF600000', '600000.SH'],
    ['600\u200B000', '600000.SH'],
    ['000001', '000001.SZ'],
    ['sz000001', '000001.SZ'],
    ['300750', '300750.SZ'],
    ['000001.XSHE', '000001.SZ'],
    ['600000.XSHG', '600000.SH'],
    ['430047', '430047.BJ'],
    ['830799', '830799.BJ'],
    ['920118', '920118.BJ'],
    ['900901', '900901.SH'],
    ['bj430047', '430047.BJ'],
    ['510300.SH', '510300.SH'], // prefix without an inferred exchange: accepted as written
  ])('%j → %s', (input, expected) => {
    expect(code(input)).toBe(expected);
  });

  it.each([
    ['', '!EMPTY'],
    ['  "" ', '!EMPTY'],
    ['60000', '!FORMAT'],
    ['6000000', '!FORMAT'],
    ['60000A', '!FORMAT'],
    ['600000.HK', '!FORMAT'],
    ['浦发银行', '!FORMAT'],
    ['510300', '!FORMAT'], // cannot infer the exchange for prefix 5
    ['600000.SZ', '!EXCHANGE_MISMATCH'],
    ['SZ600000', '!EXCHANGE_MISMATCH'],
    ['000001.SH', '!EXCHANGE_MISMATCH'], // that is the SSE Composite index, not Ping An Bank
    ['920118.SH', '!EXCHANGE_MISMATCH'],
  ])('%j is rejected (%s)', (input, expected) => {
    expect(code(input)).toBe(expected);
  });

  it('gives the parts and a message', () => {
    expect(normalizeTsCode('sz300750')).toEqual({ ok: true, tsCode: '300750.SZ', symbol: '300750', exchange: 'SZ' });
    const bad = normalizeTsCode('600000.SZ');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('SH');
  });
});

describe('exchangeOf / isTsCode / inferExchange', () => {
  it('reads canonical codes only', () => {
    expect(exchangeOf('600000.SH')).toBe('SH');
    expect(exchangeOf('000001.SZ')).toBe('SZ');
    expect(exchangeOf('430047.BJ')).toBe('BJ');
    expect(exchangeOf('600000.sh')).toBeNull();
    expect(exchangeOf('600000')).toBeNull();
    expect(isTsCode('600000.SH')).toBe(true);
    expect(isTsCode('sh600000')).toBe(false);
  });

  it('infers by prefix', () => {
    expect(['600000', '900901', '920118', '000001', '300750', '430047', '830799', '510300', '159915'].map(inferExchange)).toEqual([
      'SH', 'SH', 'BJ', 'SZ', 'SZ', 'BJ', 'BJ', null, null,
    ]);
  });
});
