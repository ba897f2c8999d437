import { computed, ref } from 'vue';
import { listMyGrants } from '@/api/me';
import { useAsync } from '@/composables/useAsync';
import { useVipLevelsStore } from '@/stores/vipLevels';
import { toGrantEntry } from './grantHistory';

export const GRANT_PAGE_SIZE = 10;

/** "My membership history": GET /me/vip-grants, one page at a time. */
export function useGrantHistory() {
  const vip = useVipLevelsStore();
  const page = ref(1);
  const list = useAsync((p: number) => listMyGrants({ page: p, pageSize: GRANT_PAGE_SIZE }), { notify: false, initialLoading: true });

  const entries = computed(() => (list.data.value?.items ?? []).map((g) => toGrantEntry(g, vip.nameOf)));
  const total = computed(() => list.data.value?.total ?? 0);

  function load(next = page.value): Promise<unknown> {
    page.value = next;
    return list.run(next);
  }

  return { list, page, entries, total, load, pageSize: GRANT_PAGE_SIZE };
}
