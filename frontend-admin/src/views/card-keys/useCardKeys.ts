import type { CardKeyItem, CardVerificationLogEntry } from '@zhice/shared';
import { searchKeys, verificationLogs } from '@/api/cardKeys';
import { usePagedTable } from '@/composables/usePagedTable';

export interface CardKeyFilters {
  code: string;
  last4: string;
  status: string;
}

/** Key search in the caller's scope: by full code (looked up by its hash), last 4, status. */
export function useCardKeys() {
  return usePagedTable<CardKeyItem, CardKeyFilters>(
    (p) => searchKeys({ page: p.page, pageSize: p.pageSize, sort: p.sort, code: p.code.trim() || undefined, last4: p.last4.trim() || undefined, status: p.status || undefined }),
    { filters: () => ({ code: '', last4: '', status: '' }), sort: 'usedAt:desc' },
  );
}

export function useVerificationLogs() {
  return usePagedTable<CardVerificationLogEntry, { result: string }>((p) => verificationLogs({ page: p.page, pageSize: p.pageSize, sort: p.sort, result: p.result || undefined }), {
    filters: () => ({ result: '' }),
    sort: 'at:desc',
  });
}
