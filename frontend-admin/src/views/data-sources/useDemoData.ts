import { ref } from 'vue';
import type { LeaveDemoResultDto } from '@zhice/shared';
import { getDemoDataStatus, leaveDemoMode } from '@/api/demo-data';
import { useAsync } from '@/composables/useAsync';

/**
 * The "demo data" card: what demo data is left, and leaving demo mode. `confirm` asks the operator
 * (a dialog in the view); nothing is sent unless it resolves true.
 */
export function useDemoData(confirm: () => Promise<boolean>) {
  const status = useAsync(() => getDemoDataStatus(), { notify: false });
  const leaving = ref(false);
  const result = ref<LeaveDemoResultDto | null>(null);

  async function leave(): Promise<LeaveDemoResultDto | null> {
    if (!(await confirm())) return null;
    leaving.value = true;
    try {
      result.value = await leaveDemoMode();
      await status.run();
      return result.value;
    } finally {
      leaving.value = false;
    }
  }

  return { status, leaving, result, leave, load: () => status.run() };
}
