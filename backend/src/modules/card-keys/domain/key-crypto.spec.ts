import { describe, expect, it } from 'vitest';
import { generateCodes } from './card-code.js';
import { CardKeyCrypto } from './key-crypto.js';

describe('CardKeyCrypto', () => {
  const a = new CardKeyCrypto('a'.repeat(32));
  const b = new CardKeyCrypto('b'.repeat(32));
  const code = 'ABCDEFGHJKMNPQRS';

  it('looks up by a keyed hash that depends on the secret', () => {
    expect(a.lookup(code).equals(a.lookup(code))).toBe(true);
    expect(a.lookup(code).equals(b.lookup(code))).toBe(false);
    expect(a.lookup(code).length).toBe(32);
  });

  it('seals a page of codes (never in clear) and opens them back only with the same key', () => {
    const codes = generateCodes(500);
    const sealed = a.sealMany(codes);
    expect(sealed.every((s) => s.length === 16)).toBe(true);
    const dump = Buffer.concat(sealed).toString('latin1');
    for (const c of codes.slice(0, 50)) expect(dump).not.toContain(c);
    expect(a.openMany(sealed)).toEqual(codes);
    expect(a.openConcat(Buffer.concat(sealed))).toEqual(codes);
    expect(() => a.openConcat(Buffer.alloc(17))).toThrow(RangeError);
    expect(b.openMany(sealed)).not.toEqual(codes);
    expect(a.openMany(sealed.slice(3, 7))).toEqual(codes.slice(3, 7));
  });
});
