import { describe, expect, it } from 'vitest';
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

  it('seals with a fresh IV and opens only for the same batch and position', () => {
    const s1 = a.seal(code, 'batch-1', 3);
    const s2 = a.seal(code, 'batch-1', 3);
    expect(s1.equals(s2)).toBe(false);
    expect(s1.toString('latin1')).not.toContain(code);
    expect(a.open(s1, 'batch-1', 3)).toBe(code);
    expect(() => a.open(s1, 'batch-1', 4)).toThrow();
    expect(() => b.open(s1, 'batch-1', 3)).toThrow();
  });
});
