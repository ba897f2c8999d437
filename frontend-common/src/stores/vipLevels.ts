import { ref } from 'vue';
import { defineStore } from 'pinia';
import { vipLevelDescription, vipLevelName, type VipLevelPublic } from '@zhice/shared';
import type { Translate } from '../locales';

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

    function nameOf(level: number): string {
      const l = levels.value?.find((x) => x.level === level);
      return l ? vipLevelName(l, locale()) : defaultVipName(level);
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
