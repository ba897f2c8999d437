import type { CardBatch } from '@zhice/shared';
import { listBatches } from '@/api/cardKeys';
import { usePagedTable } from '@/composables/usePagedTable';

export interface CardBatchFilters {
  status: string;
  kind: string;
}

/** The batches list: own and sub-agents' (admins: all), newest first. */
export function useCardBatches() {
  return usePagedTable<CardBatch, CardBatchFilters>((p) => listBatches({ ...p, status: p.status || undefined, kind: p.kind || undefined }), {
    filters: () => ({ status: '', kind: '' }),
    sort: 'createdAt:desc',
  });
}

/** Term as shown: "3 个月" / "30 天" / "永久". */
export function termOf(b: Pick<CardBatch, 'kind' | 'months' | 'durationDays'>, t: (k: string, v?: Record<string, unknown>) => string): string {
  if (b.kind === 'vip') return t('cardKeys.monthsN', { n: b.months });
  return b.durationDays === 0 ? t('cardKeys.permanent') : t('cardKeys.daysN', { n: b.durationDays });
}
