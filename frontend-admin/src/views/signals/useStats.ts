import { computed, ref } from 'vue';
import type { ChainVerifyDto } from '@zhice/shared';
import { getChainHead, getSignalStats, verifyChain } from '@/api/signals';
import { useAsync } from '@/composables/useAsync';

/** Track record of one strategy by window (with the random baseline), the chain head and verification. */
export function useStats() {
  const strategyId = ref('cho');
  const stats = useAsync((id: string) => getSignalStats({ strategyId: id }));
  const head = useAsync(getChainHead);
  const verification = useAsync<ChainVerifyDto>(verifyChain);
  const items = computed(() => stats.data.value?.items ?? []);
  const hasSamples = computed(() => items.value.some((i) => i.count > 0));

  async function load(): Promise<void> {
    await Promise.all([stats.run(strategyId.value), head.run()]);
  }

  return { strategyId, stats, head, verification, items, hasSamples, load };
}
