import { computed, onBeforeUnmount, ref, shallowRef } from 'vue';
import type { MarketSyncDto } from '@zhice/shared';
import { getMarketSync, listMarketSyncs, startMarketSync } from '@/api/data-sources';
import { showError } from '@/utils/notify';
import { formatDate } from '@/utils/format';

const POLL_MS = 1000;

/** `YYYY-MM-DD` `days` before a Beijing date. */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** Percent done of a sync (one unit per trade date); a finished sync with nothing to do is 100. */
export function syncPercent(job: Pick<MarketSyncDto, 'status' | 'total' | 'processed' | 'failed'> | null): number {
  if (!job) return 0;
  if (job.total <= 0) return job.status === 'done' ? 100 : 0;
  return Math.min(100, Math.round(((job.processed + job.failed) / job.total) * 100));
}

export const isFinished = (job: Pick<MarketSyncDto, 'status'> | null) => job?.status === 'done' || job?.status === 'failed';

/** The sync form: a date range (default the last week), start, and the job polled until it ends. */
export function useMarketSync(onFinished?: (job: MarketSyncDto) => void) {
  const today = formatDate(new Date());
  const range = ref<[string, string] | null>([daysBefore(today, 7), today]);
  const job = shallowRef<MarketSyncDto | null>(null);
  const starting = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;

  function stop(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  async function poll(id: string): Promise<void> {
    stop();
    try {
      const next = await getMarketSync(id);
      job.value = next;
      if (isFinished(next)) {
        onFinished?.(next);
        return;
      }
    } catch (e) {
      showError(e);
    }
    timer = setTimeout(() => void poll(id), POLL_MS);
  }

  async function start(): Promise<void> {
    if (!range.value) return;
    starting.value = true;
    try {
      const { id } = await startMarketSync(range.value[0], range.value[1]);
      job.value = { id, status: 'queued', from: range.value[0], to: range.value[1], total: 0, processed: 0, failed: 0, callsBySource: {}, barsWritten: 0, barsReplaced: 0, barsMissing: 0, rejected: 0, perStockDates: 0, synthetic: false, message: null, createdAt: new Date().toISOString(), startedAt: null, finishedAt: null };
      void poll(id);
    } catch (e) {
      showError(e);
    } finally {
      starting.value = false;
    }
  }

  /** Shows the latest sync (and follows it if it is still running). */
  async function resume(): Promise<void> {
    try {
      const latest = (await listMarketSyncs({ page: 1, pageSize: 1 })).items[0];
      if (!latest) return;
      job.value = latest;
      if (!isFinished(latest)) void poll(latest.id);
    } catch {
      /* the page still works without the last sync */
    }
  }

  const percent = computed(() => syncPercent(job.value));
  const running = computed(() => job.value !== null && !isFinished(job.value));
  const disabledDate = (d: Date) => formatDate(d) > today;

  onBeforeUnmount(stop);
  return { range, job, starting, running, percent, start, resume, disabledDate, stop };
}
