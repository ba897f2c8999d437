import { computed } from 'vue';
import { activatePool, getPool, getPoolHolders, updatePool } from '@/api/pools';
import { useAsync } from '@/composables/useAsync';
import { holderSpread } from './holdersChart';
import { useActivationProgress } from './useActivationProgress';

/** Pool detail page: the pool with its stocks, holders per stock, edit (draft), activation and its progress. */
export function usePoolDetail(id: () => string) {
  const pool = useAsync(() => getPool(id()), { initialLoading: true });
  const holders = useAsync(() => getPoolHolders(id()));
  const activation = useActivationProgress(id, () => void reload());
  const spread = computed(() => (holders.data.value ? holderSpread(holders.data.value.items) : 0));

  async function reload(): Promise<void> {
    await Promise.all([pool.run(), holders.run()]);
  }

  async function load(): Promise<void> {
    await reload();
    if (pool.data.value && pool.data.value.activationJobId) await activation.poll();
  }

  async function activate(): Promise<void> {
    await activatePool(id());
    await activation.watchJob();
    await pool.run();
  }

  async function save(body: { name: string; startsOn: string; endsOn: string }): Promise<void> {
    pool.data.value = { ...(pool.data.value ?? (await getPool(id()))), ...(await updatePool(id(), body)) };
  }

  return { pool, holders, activation, spread, load, reload, activate, save };
}
