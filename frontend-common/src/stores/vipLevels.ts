import { ref } from 'vue';
import { defineStore } from 'pinia';
import { vipLevelDescription, vipLevelName, type VipLevelPublic } from '@zhice/shared';
import type { Translate } from '../locales';
import sharedZhCN from '../locales/zh-CN';

export const VIP_LEVELS = [0, 1, 2, 3, 4] as const;

export interface VipLevelsDeps {
  /** GET /vip-levels */
  listVipLevels: () => Promise<VipLevelPublic[]>;
  /** the app's messages hold `vip.level0` … `vip.level4` and `vip.levelN` */
  t: Translate;
  /** the UI language ('zh-CN' | 'en'): names and descriptions use the level's English form under en */
  locale?: () => string;
}

/** Builds an app's `vipLevels` store: level names read once from GET /vip-levels, with defaults. */
export function createVipLevelsStore(deps: VipLevelsDeps) {
  const { listVipLevels, t } = deps;
  const locale = deps.locale ?? (() => 'zh-CN');

  /** Default level names (product defaults) for when the level table cannot be read. */
  function defaultVipName(level: number): string {
    return level >= 0 && level <= 4 ? t(`vip.level${level}`) : t('vip.levelN', { n: level });
  }

  const useVipLevelsStore = defineStore('vipLevels', () => {
    const levels = ref<VipLevelPublic[] | null>(null);
    let loading: Promise<void> | null = null;

    function load(): Promise<void> {
      if (levels.value) return Promise.resolve();
      loading ??= listVipLevels()
        .then((list) => {
          levels.value = list;
        })
        .catch(() => {
          /* names fall back to the defaults */
        })
        .finally(() => {
          loading = null;
        });
      return loading;
    }

    /**
     * The configured name; a level still carrying its product default name (免费用户, VIP1 …)
     * shows the default in the UI language instead, so English pages say "Free", not 免费用户.
     */
    function nameOf(level: number): string {
      const l = levels.value?.find((x) => x.level === level);
      const zhDefault = (sharedZhCN.vip as Record<string, string>)[`level${level}`];
      if (l === undefined) return defaultVipName(level);
      // The English form when the UI is English and the admin set one.
      if (locale().toLowerCase().startsWith('en') && l.nameEn) return vipLevelName(l, locale());
      if (l.name === zhDefault) return defaultVipName(level);
      return l.name;
    }

    /** The level's description in the UI language ('' when unknown). */
    function descriptionOf(level: number): string {
      const l = levels.value?.find((x) => x.level === level);
      return l ? vipLevelDescription(l, locale()) : '';
    }

    return { levels, load, nameOf, descriptionOf };
  });

  return { useVipLevelsStore, defaultVipName };
}
