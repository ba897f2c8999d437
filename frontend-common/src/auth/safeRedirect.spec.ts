import { describe, expect, it } from 'vitest';
import { safeRedirect } from './safeRedirect';

describe('safeRedirect', () => {
  it('follows same-site paths only, else the fallback', () => {
    expect(safeRedirect('/users?page=2', '/')).toBe('/users?page=2');
    for (const target of ['//evil.example', '/\\evil.example', 'https://evil.example', 'users', '', undefined, ['/users']]) {
      expect(safeRedirect(target, '/home')).toBe('/home');
    }
  });
});
