import { reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { getLedgerSettings, getPlatformAccounts, latestCheck, runCheck, saveLedgerSettings } from '@/api/ledger';
import { toApiError } from '@/api/errors';
import { useAsync } from '@/composables/useAsync';
import { showError, showSuccess } from '@/utils/notify';
import { yuanInputToFen } from './useMoneyForm';

/** Admin: invariant status (latest / run now), platform accounts, and the quota rules (yuan on screen). */
export function useLedgerCheck() {
  const { t } = useI18n();
  const check = useAsync(() => latestCheck());
  const accounts = useAsync(() => getPlatformAccounts());
  const running = ref(false);
  const settings = reactive({ minTransferYuan: 1, minWithdrawalYuan: 10, holdAmountYuan: 0, holdPerHour: 0 });
  const saving = ref(false);

  async function load(): Promise<void> {
    await Promise.all([check.run(), accounts.run()]);
    try {
      const s = await getLedgerSettings();
      Object.assign(settings, { minTransferYuan: s.minTransferFen / 100, minWithdrawalYuan: s.minWithdrawalFen / 100, holdAmountYuan: s.riskHoldAmountFen / 100, holdPerHour: s.riskHoldPerHour });
    } catch (e) {
      showError(toApiError(e));
    }
  }
  async function runNow(): Promise<void> {
    running.value = true;
    try {
      check.data.value = await runCheck();
    } catch (e) {
      showError(toApiError(e));
    } finally {
      running.value = false;
    }
  }
  async function save(): Promise<void> {
    saving.value = true;
    try {
      await saveLedgerSettings({
        minTransferFen: yuanInputToFen(settings.minTransferYuan) ?? 1,
        minWithdrawalFen: yuanInputToFen(settings.minWithdrawalYuan) ?? 1,
        riskHoldAmountFen: Math.round(settings.holdAmountYuan * 100),
        riskHoldPerHour: settings.holdPerHour,
      });
      showSuccess(t('ledger.done'));
    } catch (e) {
      showError(toApiError(e));
    } finally {
      saving.value = false;
    }
  }
  return { check, accounts, running, settings, saving, load, runNow, save };
}
