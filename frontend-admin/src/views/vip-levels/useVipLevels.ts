import { computed, ref } from 'vue';
import type { VipLevelAdmin } from '@zhice/shared';
import { listAdminVipLevels, updateVipLevel } from '@/api/vipLevels';
import { ApiError, toApiError } from '@/api/errors';
import { useAsync } from '@/composables/useAsync';
import { useVipLevelsStore } from '@/stores/vipLevels';
import { showError } from '@/utils/notify';
import {
  formToUpdate,
  isLevelDirty,
  serverFieldErrors,
  toLevelForm,
  validateLevelForm,
  type LevelErrors,
  type LevelField,
  type LevelForm,
} from './levelForm';

/** One editable row: the saved level, the form, and the server's answer to the last save. */
export interface LevelRow {
  level: number;
  original: VipLevelAdmin;
  form: LevelForm;
  /** field messages from the server's last refusal (cleared when the field is edited) */
  serverErrors: Partial<Record<LevelField, string>>;
  saving: boolean;
}

/** reallocating: saved, and the members of the level are being brought to its new stock quota. */
export type SaveOutcome = 'saved' | 'reallocating' | 'unchanged' | 'invalid' | 'failed';

function toRow(level: VipLevelAdmin): LevelRow {
  return { level: level.level, original: level, form: toLevelForm(level), serverErrors: {}, saving: false };
}

/** VIP levels page state: the 5 levels as editable rows, saved one row at a time. */
export function useVipLevels() {
  const names = useVipLevelsStore();
  const rows = ref<LevelRow[]>([]);
  const list = useAsync(listAdminVipLevels, { initialLoading: true, notify: false });

  async function load(): Promise<void> {
    const levels = await list.run();
    if (levels) rows.value = [...levels].sort((a, b) => a.level - b.level).map(toRow);
  }

  function errorsOf(row: LevelRow): LevelErrors {
    return validateLevelForm(row.level, row.form);
  }

  function isDirty(row: LevelRow): boolean {
    return isLevelDirty(row.original, row.form);
  }

  const dirtyCount = computed(() => rows.value.filter(isDirty).length);

  /** The field was edited: its server message no longer applies. */
  function touch(row: LevelRow, field: LevelField): void {
    if (row.serverErrors[field]) row.serverErrors = { ...row.serverErrors, [field]: undefined };
  }

  function revert(row: LevelRow): void {
    row.form = toLevelForm(row.original);
    row.serverErrors = {};
  }

  async function save(row: LevelRow): Promise<SaveOutcome> {
    if (row.saving) return 'unchanged';
    if (Object.keys(errorsOf(row)).length > 0) return 'invalid';
    const body = formToUpdate(row.original, row.form);
    if (Object.keys(body).length === 0) return 'unchanged';
    row.saving = true;
    row.serverErrors = {};
    try {
      const { reallocationJobId, ...saved } = await updateVipLevel(row.level, body);
      row.original = saved;
      row.form = toLevelForm(saved);
      // Level names elsewhere in the panel come from the public list: read it again.
      names.levels = null;
      void names.load();
      return reallocationJobId ? 'reallocating' : 'saved';
    } catch (e) {
      const err = toApiError(e);
      const { fields, other } = serverFieldErrors(err.details);
      row.serverErrors = fields;
      if (Object.keys(fields).length === 0) showError(err);
      else if (other.length > 0) showError(new ApiError(err.statusCode, err.code, `${err.message}: ${other.join('; ')}`, err.details));
      return 'failed';
    } finally {
      row.saving = false;
    }
  }

  return { rows, list, load, errorsOf, isDirty, dirtyCount, touch, revert, save };
}
