import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { VipLevelPublic } from '@zhice/shared';
import type { Translate } from '../locales';
import sharedZhCN from '../locales/zh-CN';

export const VIP_LEVELS = [0, 1, 2, 3, 4] as const;

export interface VipLevelsDeps {
  /** GET /vip-levels */
  listVipLevels: () => Promise<VipLevelPublic[]>;
  /** the app's messages hold `vip.level0` … `vip.level4` and `vip.levelN` */
  t: Translate;
}

/** Builds an app's `vipLevels` store: level names read once from GET /vip-levels, with defaults. */
export function createVipLevelsStore(deps: VipLevelsDeps) {
  const { listVipLevels, t } = deps;

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
      const configured = levels.value?.find((l) => l.level === level)?.name;
      const zhDefault = (sharedZhCN.vip as Record<string, string>)[`level${level}`];
      if (configured === undefined || configured === zhDefault) return defaultVipName(level);
      return configured;
    }

    return { levels, load, nameOf };
  });

  return { useVipLevelsStore, defaultVipName };
}
