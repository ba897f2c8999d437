import { computed, reactive, ref, shallowRef, type Ref } from 'vue';
import { VIP_TERM_MONTHS, type UserDto } from '@zhice/shared';
import { getUserDetail, grantVip, type GrantVipResult } from '@/api/users';
import { listVipLevels } from '@/api/vipLevels';
import { toApiError } from '@/api/errors';
import { useAsync } from '@/composables/useAsync';
import { i18n } from '@/locales';
import { newIdempotencyKey } from '@/utils/idempotency';
import { describeError } from '@/utils/notify';
import { activeLevelOf, canSubmitGrant, grantErrorKey, previewGrant } from './grantPreview';
import { fieldErrorsOf } from './userRules';

export const GRANT_REASON_MAX = 200;

export interface GrantForm {
  level: number | null;
  months: number | null;
  reason: string;
}

/**
 * Grant-VIP dialog state for one user: the levels that can be granted, the user's fresh
 * membership, the preview of what the grant will do, the submit and its outcome.
 */
export function useGrantVip(user: Ref<UserDto | null>) {
  const levels = useAsync(listVipLevels, { notify: false });
  const detail = useAsync(getUserDetail, { notify: false });
  const form = reactive<GrantForm>({ level: null, months: VIP_TERM_MONTHS, reason: '' });
  const now = ref(new Date());
  const submitting = ref(false);
  const result = shallowRef<GrantVipResult | null>(null);
  const failure = ref<string | null>(null);
  const fieldErrors = ref<Record<string, string>>({});
  /** One key per opened dialog: a double click or a retry grants once. */
  let idempotencyKey = newIdempotencyKey();

  /** the freshest view of the user: the detail once read, else the list row */
  const current = computed<UserDto | null>(() => {
    const fresh = detail.data.value?.user;
    return fresh && fresh.id === user.value?.id ? fresh : user.value;
  });
  const active = computed(() => (current.value ? activeLevelOf(current.value, now.value) : null));
  /** enabled paid levels, lowest first */
  const options = computed(() =>
    (levels.data.value ?? []).filter((l) => l.level > 0 && l.enabled).sort((a, b) => a.level - b.level),
  );
  const preview = computed(() =>
    previewGrant({ active: active.value, levels: levels.data.value ?? [], level: form.level, months: form.months, now: now.value }),
  );
  const canSubmit = computed(
    () => canSubmitGrant(preview.value) && form.reason.trim().length > 0 && form.reason.trim().length <= GRANT_REASON_MAX && !submitting.value,
  );

  function reset(): void {
    form.level = null;
    form.months = VIP_TERM_MONTHS;
    form.reason = '';
    result.value = null;
    failure.value = null;
    fieldErrors.value = {};
    submitting.value = false;
    idempotencyKey = newIdempotencyKey();
  }

  /** Reads the levels and the user's membership; preselects the active level (an extension). */
  async function open(target: UserDto): Promise<void> {
    reset();
    now.value = new Date();
    await Promise.all([levels.run(), detail.run(target.id)]);
    now.value = new Date();
    if (form.level === null && active.value && options.value.some((l) => l.level === active.value?.level)) {
      form.level = active.value.level;
    }
  }

  async function submit(): Promise<GrantVipResult | null> {
    const target = current.value;
    if (!target || !canSubmit.value || form.level === null || form.months === null) return null;
    submitting.value = true;
    failure.value = null;
    fieldErrors.value = {};
    try {
      const res = await grantVip(target.id, { level: form.level, months: form.months, reason: form.reason.trim(), idempotencyKey });
      result.value = res;
      return res;
    } catch (e) {
      const err = toApiError(e);
      const key = grantErrorKey(err);
      fieldErrors.value = fieldErrorsOf(err, ['level', 'months', 'reason']);
      failure.value = key ? i18n.global.t(`grant.errors.${key}`) : describeError(err);
      // The membership may have changed under us (e.g. a payment): show it as it is now.
      if (err.code === 'VIP_DOWNGRADE_NOT_ALLOWED' || err.code === 'VIP_LEVEL_DISABLED') {
        now.value = new Date();
        void levels.run();
        void detail.run(target.id);
      }
      return null;
    } finally {
      submitting.value = false;
    }
  }

  return { levels, detail, form, now, current, active, options, preview, canSubmit, submitting, result, failure, fieldErrors, open, reset, submit };
}
