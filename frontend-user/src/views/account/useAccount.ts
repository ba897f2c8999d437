import { computed, onBeforeUnmount, ref } from 'vue';
import type { UserDto } from '@zhice/shared';
import { sendVerificationMail } from '@/api/auth';
import { getMySubscription } from '@/api/me';
import { useAsync } from '@/composables/useAsync';
import { useSessionStore } from '@/stores/session';
import { useVipLevelsStore } from '@/stores/vipLevels';
import { daysLeft } from '@/utils/format';
import { showError } from '@/utils/notify';

export const RESEND_COOLDOWN_SECONDS = 60;
/** the page re-reads GET /me unless the user was read this recently (e.g. by the route guard) */
const FRESH_MS = 5_000;

/** Membership facts for display: level name, expiry and days left, quota. */
export interface Membership {
  levelName: string;
  expiresAt: string | null;
  /** null when there is no expiry; ≤ 0 once expired */
  daysLeft: number | null;
  /** null = unlimited */
  stockQuota: number | null;
}

export function membershipOf(user: UserDto, levelName: (level: number) => string, now: Date = new Date()): Membership {
  return {
    levelName: levelName(user.vipLevel),
    expiresAt: user.vipExpiresAt,
    daysLeft: daysLeft(user.vipExpiresAt, now),
    stockQuota: user.stockQuota,
  };
}

/** Account page state: fresh GET /me, VIP names, and the "send verification mail" action with a cooldown. */
export function useAccount() {
  const session = useSessionStore();
  const vip = useVipLevelsStore();
  const me = useAsync(() => session.fetchUser(), { initialLoading: !session.user });
  /** the stored subscription, for "this term started" (optional: the page works without it) */
  const subscription = useAsync(getMySubscription, { notify: false });

  const user = computed(() => session.user);
  const membership = computed(() => (user.value ? membershipOf(user.value, vip.nameOf) : null));

  const sending = ref(false);
  const cooldown = ref(0);
  let timer: ReturnType<typeof setInterval> | undefined;

  function startCooldown(): void {
    cooldown.value = RESEND_COOLDOWN_SECONDS;
    clearInterval(timer);
    timer = setInterval(() => {
      cooldown.value -= 1;
      if (cooldown.value <= 0) clearInterval(timer);
    }, 1000);
  }

  async function sendVerification(): Promise<boolean> {
    if (sending.value || cooldown.value > 0) return false;
    sending.value = true;
    try {
      await sendVerificationMail();
      startCooldown();
      return true;
    } catch (e) {
      showError(e);
      return false;
    } finally {
      sending.value = false;
    }
  }

  function load(): void {
    void vip.load();
    if (!session.user || Date.now() - session.userFetchedAt > FRESH_MS) void me.run();
    void subscription.run();
  }

  onBeforeUnmount(() => clearInterval(timer));

  return { user, membership, me, subscription, load, sending, cooldown, sendVerification };
}
