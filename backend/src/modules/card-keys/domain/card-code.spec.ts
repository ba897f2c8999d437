import { describe, expect, it } from 'vitest';
import { CODE_BITS, CROCKFORD, encodeCode, formatCode, generateCodes, normalizeCode } from './card-code.js';

describe('card codes', () => {
  it('has 80 bits in 16 Crockford symbols without look-alikes', () => {
    expect(CODE_BITS).toBeGreaterThanOrEqual(80);
    expect(CROCKFORD).toHaveLength(32);
    expect(CROCKFORD).not.toMatch(/[ILOU]/);
  });

  it('encodes 10 bytes bit for bit', () => {
    expect(encodeCode(new Uint8Array(10))).toBe('0000000000000000');
    expect(encodeCode(new Uint8Array(10).fill(255))).toBe('ZZZZZZZZZZZZZZZZ');
    expect(encodeCode(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))).toBe('0000000000000001');
    expect(encodeCode(Uint8Array.from([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe('G000000000000000');
  });

  it('generates distinct codes from the random source', () => {
    const codes = generateCodes(2000);
    expect(new Set(codes).size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    // every symbol shows up (a broken encoder would skip some)
    expect(new Set(codes.join('')).size).toBe(32);
  });

  it('formats grouped', () => {
    expect(formatCode('ABCDEFGHJKMNPQRS')).toBe('ABCD-EFGH-JKMN-PQRS');
  });

  it('normalises spaces, dashes, case, full-width forms and look-alikes', () => {
    const c = 'AB1D-EF0H-JKMN-PQRS';
    const canonical = 'AB1DEF0HJKMNPQRS';
    expect(normalizeCode(c)).toBe(canonical);
    expect(normalizeCode(' ab1d ef0h jkmn pqrs ')).toBe(canonical);
    expect(normalizeCode('abId—efOh–jkmn－pqrs')).toBe(canonical);
    expect(normalizeCode('ＡＢ１Ｄ－ＥＦ０Ｈ－ＪＫＭＮ－ＰＱＲＳ')).toBe(canonical);
    expect(normalizeCode('abLd_efoh_jkmn_pqrs')).toBe(canonical);
    expect(normalizeCode('AB1D-EF0H-JKMN-PQR')).toBeNull();
    expect(normalizeCode('AB1D-EF0H-JKMN-PQRU')).toBeNull();
    expect(normalizeCode(42)).toBeNull();
    expect(normalizeCode('x'.repeat(500))).toBeNull();
  });
});
