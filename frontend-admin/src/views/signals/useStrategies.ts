import { computed, ref, shallowRef } from 'vue';
import type { StrategyDto } from '@zhice/shared';
import { listStrategies, updateStrategyParams } from '@/api/signals';
import { ApiError, toApiError } from '@/api/errors';
import { useAsync } from '@/composables/useAsync';
import { showError } from '@/utils/notify';
import { checkNumbers, formFromStrategy, paramsFromForm, type ParamsForm } from './paramsForm';

export type SaveOutcome = { kind: 'saved'; version: number } | { kind: 'unchanged' } | { kind: 'invalid' } | { kind: 'failed' };

/** Strategy list, the selected strategy's parameter form, saving a new version, server messages. */
export function useStrategies() {
  const list = useAsync(listStrategies, { initialLoading: true });
  const selectedId = ref<string>('cho');
  const form = ref<ParamsForm>({ numbers: {}, json: '' });
  const serverErrors = shallowRef<string[]>([]);
  const saving = ref(false);

  const selected = computed<StrategyDto | null>(() => list.data.value?.find((s) => s.id === selectedId.value) ?? null);
  const fieldErrors = computed(() => (selected.value ? checkNumbers(selected.value.paramSpecs, form.value.numbers) : {}));
  const jsonError = computed(() => 'error' in paramsFromForm(form.value));

  function select(id: string): void {
    selectedId.value = id;
    const s = list.data.value?.find((x) => x.id === id);
    if (s) form.value = formFromStrategy(s);
    serverErrors.value = [];
  }

  function restoreDefaults(): void {
    if (selected.value) form.value = formFromStrategy(selected.value, selected.value.defaultParams);
  }

  async function load(): Promise<void> {
    await list.run();
    select(selectedId.value);
  }

  async function save(): Promise<SaveOutcome> {
    const s = selected.value;
    if (!s) return { kind: 'failed' };
    const body = paramsFromForm(form.value);
    if ('error' in body || Object.keys(fieldErrors.value).length > 0) return { kind: 'invalid' };
    saving.value = true;
    serverErrors.value = [];
    try {
      const before = s.active.version;
      const updated = await updateStrategyParams(s.id, body.params);
      list.data.value = (list.data.value ?? []).map((x) => (x.id === updated.id ? updated : x));
      select(updated.id);
      return updated.active.version === before ? { kind: 'unchanged' } : { kind: 'saved', version: updated.active.version };
    } catch (e) {
      const err = toApiError(e);
      if (err instanceof ApiError && err.code === 'STRATEGY_INVALID_PARAMS') {
        const details = err.details as { errors?: string[] } | undefined;
        serverErrors.value = details?.errors ?? [err.message];
        return { kind: 'invalid' };
      }
      showError(err);
      return { kind: 'failed' };
    } finally {
      saving.value = false;
    }
  }

  return { list, selectedId, selected, form, fieldErrors, jsonError, serverErrors, saving, load, select, restoreDefaults, save };
}
