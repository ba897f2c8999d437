import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { compileMessage, isSimpleMessage, messageCompiler } from './messageCompiler';

describe('messageCompiler', () => {
  it('fills {name} placeholders; unknown names print as nothing', () => {
    const i18n = createI18n({
      legacy: false,
      locale: 'en',
      messageCompiler,
      messages: { en: { plain: 'Sign in', one: 'Level {n}', two: '{a} of {b}.', edge: '{x}{y}', pct: '95% {n}' } },
    });
    const t = i18n.global.t;
    expect(t('plain')).toBe('Sign in');
    expect(t('one', { n: 3 })).toBe('Level 3');
    expect(t('two', { a: 'x', b: 0 })).toBe('x of 0.');
    expect(t('edge', { x: 1 })).toBe('1');
    expect(t('pct', { n: 'a' })).toBe('95% a');
    expect(t('missing.key')).toBe('missing.key');
  });

  it('compiles a source once', () => {
    expect(compileMessage('Hi {name}')).toBe(compileMessage('Hi {name}'));
  });

  it('tells simple messages from ones that need vue-i18n\'s own syntax', () => {
    expect(isSimpleMessage('VIP{n} · {date}，95%')).toBe(true);
    expect(isSimpleMessage('no apples | one apple')).toBe(false);
    expect(isSimpleMessage('@:common.ok')).toBe(false);
    expect(isSimpleMessage("{'{'}")).toBe(false);
    expect(isSimpleMessage('a } b')).toBe(false);
  });
});
