import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { VipLevelPublic } from '@zhice/shared';
import { listVipLevels } from '@/api/vipLevels';
import { i18n } from '@/locales';

export const VIP_LEVELS = [0, 1, 2, 3, 4] as const;

/** Default level names (product defaults) for when the level table cannot be read. */
export function defaultVipName(level: number): string {
  const t = i18n.global.t;
  return level >= 0 && level <= 4 ? t(`vip.level${level}`) : t('vip.levelN', { n: level });
}

/** VIP level names, read once from GET /vip-levels. */
export const useVipLevelsStore = defineStore('vipLevels', () => {
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
    return levels.value?.find((l) => l.level === level)?.name ?? defaultVipName(level);
  }

  return { levels, load, nameOf };
});
