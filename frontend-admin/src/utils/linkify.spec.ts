import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  it('splits absolute links out of mail text, leaving trailing punctuation as text', () => {
    const text = '请点击 http://localhost:3000/verify-email?token=abc.def-1 完成验证。\nThanks.';
    expect(linkify(text)).toEqual([
      { kind: 'text', value: '请点击 ' },
      { kind: 'link', value: 'http://localhost:3000/verify-email?token=abc.def-1', href: 'http://localhost:3000/verify-email?token=abc.def-1' },
      { kind: 'text', value: ' 完成验证。\nThanks.' },
    ]);
  });

  it('recognises site-relative links and a link at the end', () => {
    expect(linkify('Reset: /reset-password?token=xyz.')).toEqual([
      { kind: 'text', value: 'Reset: ' },
      { kind: 'link', value: '/reset-password?token=xyz', href: '/reset-password?token=xyz' },
      { kind: 'text', value: '.' },
    ]);
  });

  it('returns plain text untouched', () => {
    expect(linkify('no links here, 1/2 done')).toEqual([{ kind: 'text', value: 'no links here, 1/2 done' }]);
    expect(linkify('')).toEqual([]);
  });
});
