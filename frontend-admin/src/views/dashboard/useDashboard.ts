import { computed } from 'vue';
import { getHealth } from '@/api/health';
import { listUsers } from '@/api/users';
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

  function load(): void {
    void health.run();
    if (isAdmin.value) void members.run();
  }

  return { isAdmin, health, members, load };
}
