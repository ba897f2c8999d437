import { computed } from 'vue';
import { listVipLevels } from '@/api/vipLevels';
import { useAsync } from '@/composables/useAsync';
import { i18n } from '@/locales';
import { useSessionStore } from '@/stores/session';
import { vipCards } from './vipCards';

/** VIP comparison page: the public level list, with the signed-in member's effective level marked. */
export function useVipPage() {
  const session = useSessionStore();
  const levels = useAsync(listVipLevels, { notify: false, initialLoading: true });
  const currentLevel = computed(() => (session.isSignedIn && session.user ? session.user.vipLevel : null));
  const cards = computed(() => vipCards(levels.data.value ?? [], currentLevel.value, String(i18n.global.locale.value)));

  function load(): void {
    void levels.run();
    // A public page: the guard does not load the member, so do it here (quietly; signed out is fine).
    if (session.isSignedIn && !session.user) session.ensureUser().catch(() => undefined);
  }

  return { levels, cards, currentLevel, load, session };
}
