import { onMounted, ref, type Ref } from 'vue';
import { nextTask } from './nextTask';

/** A flag that turns true one task after the component mounted: for parts rendered after the first render. */
export function useReadyNextTask(): Ref<boolean> {
  const ready = ref(false);
  onMounted(() => void nextTask().then(() => (ready.value = true)));
  return ready;
}
