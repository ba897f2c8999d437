import { computed, ref } from 'vue';
import { ElMessageBox } from 'element-plus';
import { fenToYuan } from '@zhice/shared';
import { newIdempotencyKey } from '@/utils/idempotency';

/** Yuan typed in the form → integer fen (null when not a positive amount with ≤ 2 decimals). */
export function yuanInputToFen(yuan: number | null | undefined): number | null {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return null;
  const fen = Math.round(yuan * 100);
  if (fen <= 0 || Math.abs(fen - yuan * 100) > 1e-6 || fen > Number.MAX_SAFE_INTEGER) return null;
  return fen;
}

/**
 * State of one money dialog: the amount in yuan, one idempotency key per opening (a double click
 * or a retry after a lost answer moves money once), and a confirmation that repeats the amount.
 */
export function useMoneyForm() {
  const open = ref(false);
  const amountYuan = ref<number | null>(null);
  const key = ref(newIdempotencyKey());
  const submitting = ref(false);
  const amountFen = computed(() => yuanInputToFen(amountYuan.value));

  function begin(): void {
    amountYuan.value = null;
    key.value = newIdempotencyKey();
    open.value = true;
  }

  /** Asks "confirm {action} of ¥x to y?"; false when cancelled. */
  async function confirm(t: (k: string, p?: Record<string, unknown>) => string, action: string, target = ''): Promise<boolean> {
    if (amountFen.value === null) return false;
    try {
      await ElMessageBox.confirm(t('ledger.confirmText', { action, amount: fenToYuan(amountFen.value), target }), t('ledger.confirmTitle'), { type: 'warning' });
      return true;
    } catch {
      return false;
    }
  }

  /** Runs the request with the dialog's key; closes the dialog on success. */
  async function submit<T>(run: (amountFen: number, key: string) => Promise<T>): Promise<T | null> {
    if (amountFen.value === null) return null;
    submitting.value = true;
    try {
      const r = await run(amountFen.value, key.value);
      open.value = false;
      return r;
    } finally {
      submitting.value = false;
    }
  }

  return { open, amountYuan, amountFen, key, submitting, begin, confirm, submit };
}
