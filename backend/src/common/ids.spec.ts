import { describe, expect, it } from 'vitest';
import { UUID, uuidFromName } from './ids.js';

describe('uuidFromName', () => {
  it('is stable per name, different across names, and a version-5-layout UUID', () => {
    const a = uuidFromName('signals.daily:2026-03-02');
    expect(uuidFromName('signals.daily:2026-03-02')).toBe(a);
    expect(uuidFromName('signals.daily:2026-03-03')).not.toBe(a);
    expect(a).toMatch(UUID);
    expect(a[14]).toBe('5');
    expect('89ab').toContain(a[19]);
  });

  it('keeps the ids stored before it moved here (job ids of past days replay)', () => {
    expect(uuidFromName('market-data.daily:2026-03-02')).toMatchInlineSnapshot(`"b0963810-7e40-5f82-940d-dd32a167c1a2"`);
  });
});
