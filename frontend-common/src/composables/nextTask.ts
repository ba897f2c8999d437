import { onMounted, ref, type Ref } from 'vue';

/**
 * Settles in a later task (a timer), not a microtask: the browser can paint and take input between
 * the work before and after it. On a slow phone every millisecond of a task past 50 counts as
 * blocking time (Lighthouse's TBT), so start-up work is split at these points: the mount, the list
 * after its chunk, the parts of a page that can come one task after the first render.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A flag that turns true one task after the component mounted: for parts rendered after the first render. */
export function useReadyNextTask(): Ref<boolean> {
  const ready = ref(false);
  onMounted(() => void nextTask().then(() => (ready.value = true)));
  return ready;
}
