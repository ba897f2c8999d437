import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '@/locales';
import { impactNotice } from './impactNotice';
import type { SaveImpact } from './useVipLevels';

const t = (key: string, params?: Record<string, unknown>): string => i18n.global.t(key, params ?? {});
const impact = (patch: Partial<SaveImpact>): SaveImpact => ({ level: 2, name: 'VIP2', quota: null, strategy: null, members: 37, ...patch });

describe('impactNotice', () => {
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN';
  });

  it('says what a quota change does and to how many members, in zh-CN', () => {
    i18n.global.locale.value = 'zh-CN';
    const notice = impactNotice(impact({ quota: { from: 10, to: null } }), t);
    expect(notice.title).toBe('保存 VIP2 的修改？');
    expect(notice.paragraphs).toHaveLength(2);
    expect(notice.paragraphs[0]).toContain('从 10 改为 不限');
    expect(notice.paragraphs[0]).toContain('重新分配');
    expect(notice.paragraphs[1]).toContain('37 位会员');
  });

  it('says what a strategy change does, in en, and when the count is unknown', () => {
    i18n.global.locale.value = 'en';
    const notice = impactNotice(impact({ strategy: { from: 'cho', to: 'macd_x' }, members: null }), t);
    expect(notice.title).toBe('Save the changes to VIP2?');
    expect(notice.paragraphs[0]).toMatch(/^Signal strategy from cho to macd_x: signals are recomputed/);
    expect(notice.paragraphs[1]).toContain('could not be read');
    const both = impactNotice(impact({ quota: { from: null, to: 5 }, strategy: { from: 'cho', to: 'x2' }, members: 0 }), t);
    expect(both.paragraphs).toHaveLength(3);
    expect(both.paragraphs[0]).toContain('from Unlimited to 5');
    expect(both.paragraphs[2]).toContain('no members yet');
    expect(both.paragraphs.join(' ')).not.toMatch(/vipLevels\./);
  });
});
