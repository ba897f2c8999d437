import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessageBox } from 'element-plus';
import type { WithdrawalDto } from '@zhice/shared';
import { decideWithdrawal, listWithdrawals, revealAccount, withdraw } from '@/api/ledger';
import { toApiError } from '@/api/errors';
import { usePagedTable } from '@/composables/usePagedTable';
import { useSessionStore } from '@/stores/session';
import { showError, showSuccess } from '@/utils/notify';
import { useMoneyForm } from './useMoneyForm';

/** Withdrawals: agents request (frozen) and decide their descendants'; admins decide all (the approval queue). */
export function useWithdrawals() {
  const { t } = useI18n();
  const session = useSessionStore();
  const isAdmin = computed(() => session.role === 'admin');
  const me = computed(() => session.user?.id ?? '');
  const table = usePagedTable<WithdrawalDto, { status: string }>(({ status, page, pageSize, sort }) => listWithdrawals({ status, page, pageSize, sort }, isAdmin.value), {
    filters: () => ({ status: isAdmin.value ? 'pending' : '' }),
    pageSize: 20,
  });
  const canDecide = (w: WithdrawalDto) => w.status === 'pending' && (isAdmin.value || w.agentId !== me.value);

  const money = useMoneyForm();
  const account = ref('');
  function begin(): void {
    account.value = '';
    money.begin();
  }
  async function submit(): Promise<void> {
    if (account.value.trim().length < 4) return;
    if (!(await money.confirm(t, t('ledger.withdrawals.new')))) return;
    try {
      await money.submit((amountFen, idempotencyKey) => withdraw({ amountFen, account: account.value.trim(), idempotencyKey }));
      showSuccess(t('ledger.done'));
      await table.load();
    } catch (e) {
      showError(toApiError(e));
    }
  }

  async function decide(w: WithdrawalDto, decision: 'approve' | 'reject'): Promise<void> {
    let reason: string | undefined;
    try {
      if (decision === 'reject') reason = (await ElMessageBox.prompt(t('ledger.withdrawals.rejectPrompt'), t('ledger.withdrawals.reject'), { inputValidator: (v: string) => v.trim().length > 0 && v.length <= 200 })).value.trim();
      else await ElMessageBox.confirm(t('ledger.confirmText', { action: t('ledger.withdrawals.approve'), amount: (w.amountFen / 100).toFixed(2), target: ` · ${w.agentUsername}` }), t('ledger.confirmTitle'), { type: 'warning' });
    } catch {
      return;
    }
    try {
      await decideWithdrawal(w.id, decision, isAdmin.value, reason);
      showSuccess(t('ledger.done'));
      await table.load();
    } catch (e) {
      showError(toApiError(e));
    }
  }

  async function reveal(w: WithdrawalDto): Promise<void> {
    try {
      const r = await revealAccount(w.id);
      await ElMessageBox.alert(r.account, t('ledger.withdrawals.account'));
    } catch (e) {
      if (e !== 'cancel' && e !== 'close') showError(toApiError(e));
    }
  }

  return { isAdmin, table, money, account, begin, submit, decide, reveal, canDecide };
}
