import { computed } from 'vue';
import type { UpdateStockPoolRequest } from '@zhice/shared';
import { activatePool, checkActivation, duplicatePool, getPool, getPoolHolders, updatePool } from '@/api/pools';
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

  async function save(body: UpdateStockPoolRequest): Promise<void> {
    const updated = await updatePool(id(), body);
    // New stocks: read the items again; otherwise the answer is enough.
    pool.data.value = body.codes ? await getPool(id()) : { ...(pool.data.value ?? (await getPool(id()))), ...updated };
  }

  /** Levels whose quota this pool cannot fill (asked before activating). */
  function check() {
    return checkActivation(id());
  }

  /** A new draft with this pool's stocks; the caller opens it. */
  function duplicate() {
    return duplicatePool(id());
  }

  return { pool, holders, activation, spread, load, reload, activate, save, check, duplicate };
}
