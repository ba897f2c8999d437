import { computed } from 'vue';
import { getMyBalance, getPlatformAccounts, getStats, latestCheck, listTransfers } from '@/api/ledger';
import { useAsync } from '@/composables/useAsync';
import { useSessionStore } from '@/stores/session';

/** The quota overview: an agent's balances, recent movements and 30-day chart (admins: platform accounts and the last check). */
export function useLedgerOverview() {
  const session = useSessionStore();
  const isAdmin = computed(() => session.role === 'admin');
  const balance = useAsync(() => getMyBalance());
  const platform = useAsync(() => getPlatformAccounts());
  const check = useAsync(() => latestCheck());
  const recent = useAsync(() => listTransfers({ page: 1, pageSize: 8 }, isAdmin.value));
  const stats = useAsync(() => getStats({}));
  async function load(): Promise<void> {
    await Promise.all([isAdmin.value ? Promise.all([platform.run(), check.run()]) : balance.run(), recent.run(), stats.run()]);
  }
  return { isAdmin, balance, platform, check, recent, stats, load };
}
