import { computed, onBeforeUnmount, ref, shallowRef } from 'vue';
import { getActivation, type ActivationProgress } from '@/api/pools';
import { ApiError, toApiError } from '@/api/errors';

export const POLL_MS = 1000;

/** Percentage for a progress bar: 0 before the total is known, 100 once done. */
export function percentOf(p: Pick<ActivationProgress, 'status' | 'processed' | 'total'> | null): number {
  if (!p) return 0;
  if (p.status === 'done') return 100;
  if (p.total <= 0) return 0;
  return Math.min(99, Math.floor((p.processed / p.total) * 100));
}

/**
 * Polls a pool's activation job (GET /admin/stock-pools/:id/activation) until it is done or failed.
 * `onFinished` runs once when it ends (to reload the page's data).
 */
export function useActivationProgress(poolId: () => string, onFinished?: (p: ActivationProgress) => void) {
  const progress = shallowRef<ActivationProgress | null>(null);
  const error = ref<ApiError | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const running = computed(() => progress.value !== null && (progress.value.status === 'queued' || progress.value.status === 'running'));
  const percent = computed(() => percentOf(progress.value));

  async function poll(): Promise<void> {
    clearTimeout(timer);
    try {
      const p = await getActivation(poolId());
      if (stopped) return;
      const wasRunning = running.value;
      progress.value = p;
      error.value = null;
      if (p.status === 'queued' || p.status === 'running') timer = setTimeout(() => void poll(), POLL_MS);
      else if (wasRunning) onFinished?.(p);
    } catch (e) {
      const err = toApiError(e);
      // 404 = never activated: nothing to show. Other errors: keep trying a little slower.
      if (err.statusCode === 404) progress.value = null;
      else {
        error.value = err;
        if (!stopped) timer = setTimeout(() => void poll(), POLL_MS * 3);
      }
    }
  }

  /** Start (or restart after an activation) polling. */
  function watchJob(): Promise<void> {
    stopped = false;
    progress.value = progress.value ? { ...progress.value, status: 'queued' } : null;
    return poll();
  }

  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(timer);
  });

  return { progress, error, running, percent, poll, watchJob };
}
