import { ref } from 'vue';
import { listMyOrders } from '@/api/payments';
import { useAsync } from '@/composables/useAsync';

/** "My orders": server-side paged list of the member's own orders. */
export function useOrders() {
  const page = ref(1);
  const pageSize = ref(10);
  const list = useAsync(() => listMyOrders({ page: page.value, pageSize: pageSize.value }), { notify: false, initialLoading: true });
  function go(p: number) {
    page.value = p;
    void list.run();
  }
  return { page, pageSize, list, go, load: () => list.run() };
}
