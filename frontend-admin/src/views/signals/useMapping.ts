import { ref, shallowRef } from 'vue';
import type { StrategyDto, VipLevelAdmin } from '@zhice/shared';
import { listStrategies } from '@/api/signals';
import { listAdminVipLevels, updateVipLevel } from '@/api/vipLevels';
import { toApiError } from '@/api/errors';
import { showError } from '@/utils/notify';

/** VIP level → strategy: one select per level, saved through PUT /admin/vip-levels/:level. */
export function useMapping() {
  const levels = shallowRef<VipLevelAdmin[]>([]);
  const strategies = shallowRef<StrategyDto[]>([]);
  const loading = ref(false);
  const savingLevel = ref<number | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const [l, s] = await Promise.all([listAdminVipLevels(), listStrategies()]);
      levels.value = [...l].sort((a, b) => a.level - b.level);
      strategies.value = s;
    } catch (e) {
      showError(toApiError(e));
    } finally {
      loading.value = false;
    }
  }

  /** Saves one level's strategy; resolves to the updated level, or null (error shown, value restored). */
  async function setStrategy(level: number, strategyId: string): Promise<VipLevelAdmin | null> {
    savingLevel.value = level;
    try {
      const updated = await updateVipLevel(level, { strategyId });
      levels.value = levels.value.map((l) => (l.level === level ? updated : l));
      return updated;
    } catch (e) {
      showError(toApiError(e));
      levels.value = [...levels.value];
      return null;
    } finally {
      savingLevel.value = null;
    }
  }

  return { levels, strategies, loading, savingLevel, load, setStrategy };
}
