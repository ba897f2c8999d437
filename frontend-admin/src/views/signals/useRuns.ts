import { onBeforeUnmount, ref, shallowRef } from 'vue';
import type { SignalDayDto, SignalRunDto } from '@zhice/shared';
import { getSignalRun, listSignalDays, listSignalRuns, startSignalRun } from '@/api/signals';
import { toApiError } from '@/api/errors';
import { usePagedTable } from '@/composables/usePagedTable';
import { showError } from '@/utils/notify';
import { isActive } from './runProgress';

/** Runs list (polled while a run is queued or running), run-now, one run's details, published days. */
export function useRuns(pollMs = 2000) {
  const table = usePagedTable<SignalRunDto, Record<string, never>>((p) => listSignalRuns({ page: p.page, pageSize: p.pageSize }), { filters: () => ({}), pageSize: 10, syncUrl: false });
  const days = usePagedTable<SignalDayDto, Record<string, never>>((p) => listSignalDays({ page: p.page, pageSize: p.pageSize }), { filters: () => ({}), pageSize: 10, syncUrl: false });
  const runDate = ref<string | null>(null);
  const starting = ref(false);
  const detail = shallowRef<SignalRunDto | null>(null);
  const detailOpen = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const active = table.items.value.some(isActive) || (detail.value !== null && isActive(detail.value));
    if (!active) return;
    timer = setTimeout(async () => {
      await table.load();
      if (detailOpen.value && detail.value) detail.value = await getSignalRun(detail.value.id).catch(() => detail.value);
      if (!table.items.value.some(isActive)) await days.load();
      schedule();
    }, pollMs);
  }

  async function load(): Promise<void> {
    await Promise.all([table.load(), days.load()]);
    schedule();
  }

  /** Starts a run; resolves to the new run id, or null when refused (the error is shown). */
  async function runNow(): Promise<string | null> {
    starting.value = true;
    try {
      const r = await startSignalRun(runDate.value ?? undefined);
      await table.search();
      schedule();
      return r.id;
    } catch (e) {
      showError(toApiError(e));
      return null;
    } finally {
      starting.value = false;
    }
  }

  async function open(run: SignalRunDto): Promise<void> {
    detail.value = run;
    detailOpen.value = true;
    try {
      detail.value = await getSignalRun(run.id);
    } catch (e) {
      showError(toApiError(e));
    }
    schedule();
  }

  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer);
  });

  return { table, days, runDate, starting, detail, detailOpen, load, runNow, open };
}
