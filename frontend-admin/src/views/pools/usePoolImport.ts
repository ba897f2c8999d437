import { computed, reactive, ref, shallowRef } from 'vue';
import type { PoolPreviewDto, StockPoolDto } from '@zhice/shared';
import { activatePool, createPool, previewPoolFile, previewPoolText } from '@/api/pools';
import { ApiError, toApiError } from '@/api/errors';
import { nextQuarter, previewRows } from './importRows';

export type ImportStep = 0 | 1 | 2 | 3;

/** Import wizard state: input (paste / upload) → preview → create (draft) → activate. */
export function usePoolImport() {
  const step = ref<ImportStep>(0);
  const mode = ref<'paste' | 'upload'>('paste');
  const text = ref('');
  const file = shallowRef<File | null>(null);
  const checking = ref(false);
  const creating = ref(false);
  const activating = ref(false);
  const error = ref<ApiError | null>(null);
  const preview = shallowRef<PoolPreviewDto | null>(null);
  const created = shallowRef<StockPoolDto | null>(null);
  const q = nextQuarter();
  const form = reactive({
    name: `${q.year}年Q${q.quarter} 股票池`,
    period: [q.startsOn, q.endsOn] as [string, string] | null,
    skipInvalid: false,
  });

  const rows = computed(() => (preview.value ? previewRows(preview.value) : []));
  const validCount = computed(() => preview.value?.valid.length ?? 0);
  const invalidCount = computed(() => preview.value?.invalid.length ?? 0);
  const canCheck = computed(() => (mode.value === 'paste' ? text.value.trim() !== '' : file.value !== null));
  const canCreate = computed(() => validCount.value > 0 && (invalidCount.value === 0 || form.skipInvalid) && form.name.trim() !== '' && form.period !== null);

  async function check(): Promise<boolean> {
    if (!canCheck.value || checking.value) return false;
    checking.value = true;
    error.value = null;
    try {
      preview.value = mode.value === 'paste' ? await previewPoolText(text.value) : await previewPoolFile(file.value!);
      form.skipInvalid = false;
      step.value = 1;
      return true;
    } catch (e) {
      error.value = toApiError(e);
      return false;
    } finally {
      checking.value = false;
    }
  }

  async function create(): Promise<StockPoolDto | null> {
    if (!canCreate.value || creating.value || !preview.value || !form.period) return null;
    creating.value = true;
    error.value = null;
    try {
      created.value = await createPool({
        name: form.name.trim(),
        startsOn: form.period[0],
        endsOn: form.period[1],
        codes: preview.value.valid.map((v) => v.tsCode),
        skipInvalid: invalidCount.value > 0,
      });
      step.value = 3;
      return created.value;
    } catch (e) {
      error.value = toApiError(e);
      return null;
    } finally {
      creating.value = false;
    }
  }

  async function activate(): Promise<string | null> {
    if (!created.value || activating.value) return null;
    activating.value = true;
    error.value = null;
    try {
      return (await activatePool(created.value.id)).jobId;
    } catch (e) {
      error.value = toApiError(e);
      return null;
    } finally {
      activating.value = false;
    }
  }

  function restart(): void {
    step.value = 0;
    preview.value = null;
    error.value = null;
  }

  return { step, mode, text, file, form, preview, rows, validCount, invalidCount, canCheck, canCreate, checking, creating, activating, created, error, check, create, activate, restart };
}
