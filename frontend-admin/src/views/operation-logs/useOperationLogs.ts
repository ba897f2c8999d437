import type { OperationLogDto } from '@zhice/shared';
import { listOperationActions, listOperationLogs } from '@/api/operationLogs';
import { useAsync } from '@/composables/useAsync';
import { usePagedTable } from '@/composables/usePagedTable';

export interface OperationLogFilters {
  operator: string;
  action: string;
  targetType: string;
  targetId: string;
  /** [from, to] as Beijing wall-clock `YYYY-MM-DD HH:mm:ss`, or null */
  range: [string, string] | null;
}

/** Target types the panel writes today (the filter also accepts any other). */
export const KNOWN_TARGET_TYPES = ['user', 'vip_level'] as const;

/** A Beijing wall-clock time `YYYY-MM-DD HH:mm:ss` as an ISO instant with offset. */
export function beijingInstant(wall: string): string {
  return `${wall.trim().replace(' ', 'T')}+08:00`;
}

/** Route query → initial filters (e.g. from a user's detail: `?targetType=user&targetId=…`). */
export function filtersFromQuery(query: Record<string, unknown>): Partial<OperationLogFilters> {
  const pick = (v: unknown): string | undefined => {
    const s = Array.isArray(v) ? v[0] : v;
    return typeof s === 'string' && s.trim() ? s.trim() : undefined;
  };
  const out: Partial<OperationLogFilters> = {};
  for (const key of ['operator', 'action', 'targetType', 'targetId'] as const) {
    const value = pick(query[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Operation log page state: filters, newest first, plus the list of action names for the filter. */
export function useOperationLogs() {
  const table = usePagedTable<OperationLogDto, OperationLogFilters>(
    ({ operator, action, targetType, targetId, range, page, pageSize }) =>
      listOperationLogs({
        operator: operator.trim(),
        action,
        targetType: targetType.trim(),
        targetId: targetId.trim(),
        from: range ? beijingInstant(range[0]) : undefined,
        to: range ? beijingInstant(range[1]) : undefined,
        page,
        pageSize,
      }),
    { filters: () => ({ operator: '', action: '', targetType: '', targetId: '', range: null }), pageSize: 20 },
  );
  const actions = useAsync(listOperationActions, { notify: false });
  return { ...table, actions };
}
