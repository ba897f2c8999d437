import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessageBox } from 'element-plus';
import type { LedgerTransferDto } from '@zhice/shared';
import { decideHeld, listTransfers, reverseTransfer, transfer } from '@/api/ledger';
import { toApiError } from '@/api/errors';
import { usePagedTable } from '@/composables/usePagedTable';
import { useSessionStore } from '@/stores/session';
import { shanghaiDayRange } from '@/utils/format';
import { showError, showSuccess } from '@/utils/notify';
import { useMoneyForm } from './useMoneyForm';

export interface TransferFilters {
  type: string;
  status: string;
  account: string;
  heldOnly: boolean;
  range: [string, string] | null;
}

/** Movements: an agent's own and descendants'; for admins the ledger explorer with the risk-hold queue. */
export function useTransfers() {
  const { t } = useI18n();
  const session = useSessionStore();
  const isAdmin = computed(() => session.role === 'admin');
  const table = usePagedTable<LedgerTransferDto, TransferFilters>(
    ({ type, status, account, heldOnly, range, page, pageSize, sort }) => {
      const d = range ? shanghaiDayRange(range[0], range[1]) : undefined;
      return listTransfers({ type, status, account, hold: heldOnly ? 'review' : undefined, from: d?.from, to: d?.to, page, pageSize, sort }, isAdmin.value);
    },
    { filters: () => ({ type: '', status: '', account: '', heldOnly: false, range: null }), pageSize: 20 },
  );

  const money = useMoneyForm();
  const toUsername = ref('');
  const note = ref('');
  function begin(): void {
    toUsername.value = '';
    note.value = '';
    money.begin();
  }
  async function submit(): Promise<void> {
    if (!toUsername.value.trim()) return;
    if (!(await money.confirm(t, t('ledger.transfers.new'), ` → ${toUsername.value.trim()}`))) return;
    try {
      const r = await money.submit((amountFen, idempotencyKey) => transfer({ toUsername: toUsername.value.trim(), amountFen, idempotencyKey, note: note.value.trim() || undefined }));
      showSuccess(r?.held ? t('ledger.held') : t('ledger.done'));
      await table.load();
    } catch (e) {
      showError(toApiError(e));
    }
  }

  async function decide(row: LedgerTransferDto, decision: 'release' | 'refuse'): Promise<void> {
    try {
      await decideHeld(row.id, decision);
      showSuccess(t('ledger.done'));
      await table.load();
    } catch (e) {
      showError(toApiError(e));
    }
  }

  async function reverse(row: LedgerTransferDto): Promise<void> {
    let reason: string;
    try {
      reason = (await ElMessageBox.prompt(t('ledger.transfers.reversePrompt'), t('ledger.transfers.reverse'), { inputValidator: (v: string) => v.trim().length > 0 && v.length <= 200 })).value;
    } catch {
      return;
    }
    try {
      await reverseTransfer(row.id, reason.trim());
      showSuccess(t('ledger.done'));
      await table.load();
    } catch (e) {
      showError(toApiError(e));
    }
  }

  return { isAdmin, table, money, toUsername, note, begin, submit, decide, reverse };
}
