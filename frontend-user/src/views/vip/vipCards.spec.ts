import { describe, expect, it } from 'vitest';
import type { VipLevelPublic } from '@zhice/shared';
import { vipCards } from './vipCards';

const levels: VipLevelPublic[] = [
  { level: 4, name: 'SVIP', stockQuota: null, priceFen: 199_900, enabled: true, description: '股票池全部股票', nameEn: '', descriptionEn: '' },
  { level: 0, name: '免费用户', stockQuota: 5, priceFen: 0, enabled: true, description: '注册即得', nameEn: '', descriptionEn: '' },
  { level: 2, name: 'VIP2', stockQuota: 20, priceFen: 59_900, enabled: true, description: '20 只股票', nameEn: '', descriptionEn: '' },
  { level: 3, name: 'VIP3', stockQuota: 50, priceFen: 99_900, enabled: false, description: '', nameEn: '', descriptionEn: '' },
  { level: 1, name: 'VIP1', stockQuota: 10, priceFen: 29_900, enabled: true, description: '10 只股票', nameEn: '', descriptionEn: '' },
];

describe('vipCards', () => {
  it('lists enabled levels lowest first with yuan prices and marks the current one', () => {
    const cards = vipCards(levels, 2);
    expect(cards.map((c) => c.level)).toEqual([0, 1, 2, 4]);
    expect(cards.find((c) => c.current)?.level).toBe(2);
    expect(cards.filter((c) => c.higher).map((c) => c.level)).toEqual([4]);
    expect(cards[0]).toMatchObject({ free: true, priceYuan: '0.00', monthlyYuan: null });
    expect(cards[2]).toMatchObject({ priceYuan: '599.00', monthlyYuan: '199.67', stockQuota: 20 });
    expect(cards[3]).toMatchObject({ stockQuota: null, priceYuan: '1999.00' });
  });

  it('keeps the member’s own level visible even when it was disabled', () => {
    expect(vipCards(levels, 3).map((c) => c.level)).toEqual([0, 1, 2, 3, 4]);
  });

  it('marks nothing as current for visitors', () => {
    const cards = vipCards(levels, null);
    expect(cards.some((c) => c.current)).toBe(false);
    expect(cards.filter((c) => c.higher).map((c) => c.level)).toEqual([1, 2, 4]);
  });

  it('shows the English name and description under en when the level has them', () => {
    const en = [{ level: 1, name: '银卡', nameEn: 'Silver', stockQuota: 10, priceFen: 100, enabled: true, description: '10 只股票', descriptionEn: '10 stocks' }];
    expect(vipCards(en, null, 'en')[0]).toMatchObject({ name: 'Silver', description: '10 stocks' });
    expect(vipCards(en, null, 'zh-CN')[0]).toMatchObject({ name: '银卡', description: '10 只股票' });
  });
});
