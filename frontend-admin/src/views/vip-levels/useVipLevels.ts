import { computed, ref } from 'vue';
import type { VipLevelAdmin } from '@zhice/shared';
import { listUsers } from '@/api/users';
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

/**
 * reallocating: saved, and the members of the level are being brought to its new stock quota.
 * cancelled: the operator declined the confirmation of a re-allocating change; nothing was sent.
 */
export type SaveOutcome = 'saved' | 'reallocating' | 'unchanged' | 'invalid' | 'failed' | 'cancelled';

/**
 * What a save would set off for every member of the level: a new stock quota re-allocates their
 * stocks, a new strategy recomputes their signals. `members` is the level's member count (null when
 * it could not be read).
 */
export interface SaveImpact {
  level: number;
  name: string;
  quota: { from: number | null; to: number | null } | null;
  strategy: { from: string; to: string } | null;
  members: number | null;
}

/** Asks the operator to confirm a save with an impact; resolves false to send nothing. */
export type ConfirmImpact = (impact: SaveImpact) => Promise<boolean>;

/** Members of a level (the users list's `total`, as the dashboard counts them); null when unreadable. */
async function countMembers(level: number): Promise<number | null> {
  try {
    const page = await listUsers({ role: 'user', vipLevel: level, page: 1, pageSize: 1 });
    return page.total;
  } catch {
    return null;
  }
}

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

  /**
   * Saves the row's changes. A change of stock quota or strategy acts on every member of the level,
   * so with `confirm` given it is asked first (with the member count); declining sends nothing.
   */
  async function save(row: LevelRow, confirm?: ConfirmImpact): Promise<SaveOutcome> {
    if (row.saving) return 'unchanged';
    if (Object.keys(errorsOf(row)).length > 0) return 'invalid';
    const body = formToUpdate(row.original, row.form);
    if (Object.keys(body).length === 0) return 'unchanged';
    row.saving = true;
    try {
      if (confirm && ('stockQuota' in body || 'strategyId' in body)) {
        const impact: SaveImpact = {
          level: row.level,
          name: row.original.name,
          quota: 'stockQuota' in body ? { from: row.original.stockQuota, to: body.stockQuota ?? null } : null,
          strategy: body.strategyId !== undefined ? { from: row.original.strategyId, to: body.strategyId } : null,
          members: await countMembers(row.level),
        };
        if (!(await confirm(impact).catch(() => false))) return 'cancelled';
      }
      row.serverErrors = {};
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
