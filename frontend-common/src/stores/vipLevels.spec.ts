import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { VipLevelPublic } from '@zhice/shared';
import type { Translate } from '../locales';
import { VIP_LEVELS, createVipLevelsStore } from './vipLevels';

const t: Translate = (key, values) => (values ? `${key}:${JSON.stringify(values)}` : key);
const table = [
  { level: 0, name: 'Free' },
  { level: 2, name: 'Gold' },
] as VipLevelPublic[];

describe('createVipLevelsStore', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('lists the five product levels', () => {
    expect(VIP_LEVELS).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads the level table once for concurrent and later callers, and names levels from it', async () => {
    const listVipLevels = vi.fn().mockResolvedValue(table);
    const store = createVipLevelsStore({ listVipLevels, t }).useVipLevelsStore();
    await Promise.all([store.load(), store.load()]);
    await store.load();
    expect(listVipLevels).toHaveBeenCalledTimes(1);
    expect(store.levels).toEqual(table);
    expect(store.nameOf(2)).toBe('Gold');
    // a level missing from the table falls back to its default name
    expect(store.nameOf(1)).toBe('vip.level1');
  });

  it('falls back to the default names when the table cannot be read, and tries again on the next load', async () => {
    const listVipLevels = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce(table);
    const store = createVipLevelsStore({ listVipLevels, t }).useVipLevelsStore();
    await expect(store.load()).resolves.toBeUndefined();
    expect(store.levels).toBeNull();
    expect(store.nameOf(2)).toBe('vip.level2');
    await store.load();
    expect(store.nameOf(2)).toBe('Gold');
    expect(listVipLevels).toHaveBeenCalledTimes(2);
  });

  it('names and describes levels in the UI language: the English form under en when set', async () => {
    let lang = 'zh-CN';
    const levels = [
      { level: 1, name: '银卡', nameEn: 'Silver', description: '10 只股票', descriptionEn: '10 stocks' },
      { level: 2, name: '金卡', nameEn: '', description: '20 只股票', descriptionEn: '' },
    ] as VipLevelPublic[];
    const store = createVipLevelsStore({ listVipLevels: vi.fn().mockResolvedValue(levels), t, locale: () => lang }).useVipLevelsStore();
    await store.load();
    expect([store.nameOf(1), store.descriptionOf(1)]).toEqual(['银卡', '10 只股票']);
    lang = 'en';
    expect([store.nameOf(1), store.descriptionOf(1)]).toEqual(['Silver', '10 stocks']);
    expect([store.nameOf(2), store.descriptionOf(2)]).toEqual(['金卡', '20 只股票']);
  });

  it('default names: vip.level0 … vip.level4, vip.levelN beyond', () => {
    const { defaultVipName } = createVipLevelsStore({ listVipLevels: vi.fn(), t });
    expect(defaultVipName(0)).toBe('vip.level0');
    expect(defaultVipName(4)).toBe('vip.level4');
    expect(defaultVipName(7)).toBe('vip.levelN:{"n":7}');
    expect(defaultVipName(-1)).toBe('vip.levelN:{"n":-1}');
  });
});
