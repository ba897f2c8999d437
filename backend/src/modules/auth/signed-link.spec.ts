import { describe, expect, it } from 'vitest';
import { readLink, signLink } from './signed-link.js';

describe('signed links', () => {
  const key = 'k'.repeat(40);
  it('round-trips and rejects tampering or another key', () => {
    const token = signLink({ id: 'a1', p: 'reset_password', exp: 100 }, key);
    expect(readLink(token, key)).toEqual({ id: 'a1', p: 'reset_password', exp: 100 });
    const [body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ id: 'a1', p: 'reset_password', exp: 999999 })).toString('base64url');
    expect(readLink(`${forged}.${sig}`, key)).toBeNull();
    expect(readLink(`${body}.${sig}x`, key)).toBeNull();
    expect(readLink(token, 'z'.repeat(40))).toBeNull();
    expect(readLink('garbage', key)).toBeNull();
  });
});
