import { computed } from 'vue';
import { getHealth } from '@/api/health';
import { listUsers } from '@/api/users';
import { listPools } from '@/api/pools';
import { listSignalDays, listSignalRuns } from '@/api/signals';
import { formatDate } from '@/utils/format';
import { useAsync } from '@/composables/useAsync';
import { useSessionStore } from '@/stores/session';
import { VIP_LEVELS, useVipLevelsStore } from '@/stores/vipLevels';
import type { LevelCount } from '@/charts/membersByLevel';

/** Dashboard state: API health for everyone, members per VIP level for admins. */
export function useDashboard() {
  const session = useSessionStore();
  const vipLevels = useVipLevelsStore();
  const isAdmin = computed(() => session.user?.role === 'admin');

  const health = useAsync(getHealth, { initialLoading: true });

  const members = useAsync(
    async (): Promise<LevelCount[]> => {
      await vipLevels.load();
      // One count per level: the list endpoint's `total` with pageSize 1.
      const pages = await Promise.all(
        VIP_LEVELS.map((level) => listUsers({ role: 'user', vipLevel: level, page: 1, pageSize: 1 })),
      );
      return VIP_LEVELS.map((level, i) => ({ level, name: vipLevels.nameOf(level), count: pages[i]?.total ?? 0 }));
    },
    { initialLoading: true },
  );

  /** The key-figures row: new members today, the active pool, the last signal run, the latest published day. */
  const figures = useAsync(
    async () => {
      const today = formatDate(new Date());
      const [recent, pools, runs, days] = await Promise.all([
        listUsers({ role: 'user', sort: 'createdAt:desc', page: 1, pageSize: 100 }),
        listPools({ status: 'active', page: 1, pageSize: 1 }),
        listSignalRuns({ page: 1, pageSize: 1 }),
        listSignalDays({ page: 1, pageSize: 1 }),
      ]);
      const newToday = recent.items.filter((u) => formatDate(u.createdAt) === today).length;
      return {
        newToday: newToday === recent.items.length && recent.total > recent.items.length ? `${newToday}+` : String(newToday),
        activePool: pools.items[0] ?? null,
        lastRun: runs.items[0] ?? null,
        latestDay: days.items[0] ?? null,
      };
    },
    { initialLoading: true, notify: false },
  );

  function load(): void {
    void health.run();
    if (isAdmin.value) {
      void members.run();
      void figures.run();
    }
  }

  return { isAdmin, health, members, figures, load };
}
