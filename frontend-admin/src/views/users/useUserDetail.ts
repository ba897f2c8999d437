import { ref, watch, type Ref } from 'vue';
import type { VipGrantDto } from '@zhice/shared';
import { getUserDetail, listUserGrants } from '@/api/users';
import { useAsync } from '@/composables/useAsync';
import { usePagedTable } from '@/composables/usePagedTable';

/** Detail drawer state: profile + subscription of one user, and their grant history (paged). */
export function useUserDetail(userId: Ref<string | null>) {
  const detail = useAsync(getUserDetail, { notify: false, initialLoading: true });
  const shownId = ref<string | null>(null);
  const grants = usePagedTable<VipGrantDto, Record<string, never>>(
    ({ page, pageSize }) => listUserGrants(shownId.value ?? '', { page, pageSize }),
    { filters: () => ({}), pageSize: 10, syncUrl: false },
  );

  function reload(): void {
    if (!shownId.value) return;
    void detail.run(shownId.value);
    void grants.load();
  }

  watch(
    userId,
    (id) => {
      if (!id) return;
      shownId.value = id;
      detail.data.value = null;
      grants.items.value = [];
      grants.page.value = 1;
      reload();
    },
    { immediate: true },
  );

  return { detail, grants, reload };
}
