import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

const KEY = 'k'.repeat(48);

describe('SecretBox', () => {
  it('round-trips and never stores the plaintext', () => {
    const box = new SecretBox(KEY, 'data-sources');
    const sealed = box.seal('tok-123456', 'tushare:token');
    expect(sealed).not.toContain('tok-123456');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(box.open(sealed, 'tushare:token')).toBe('tok-123456');
    // A fresh IV each time.
    expect(box.seal('tok-123456', 'tushare:token')).not.toBe(sealed);
  });

  it('refuses another record, another key, another purpose and tampering', () => {
    const box = new SecretBox(KEY, 'data-sources');
    const sealed = box.seal('secret', 'tushare:token');
    expect(() => box.open(sealed, 'akshare:token')).toThrow();
    expect(() => new SecretBox('x'.repeat(48), 'data-sources').open(sealed, 'tushare:token')).toThrow();
    expect(() => new SecretBox(KEY, 'other').open(sealed, 'tushare:token')).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => box.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), 'tushare:token')).toThrow();
    expect(() => box.open('garbage', 'tushare:token')).toThrow();
  });
});
