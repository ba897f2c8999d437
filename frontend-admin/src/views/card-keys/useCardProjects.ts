import type { CardProject, CardProjectApplication } from '@zhice/shared';
import { applications, listProjects } from '@/api/cardKeys';
import { usePagedTable } from '@/composables/usePagedTable';

export function useProjectsTable() {
  return usePagedTable<CardProject, Record<string, never>>((p) => listProjects({ page: p.page, pageSize: p.pageSize, sort: p.sort }), { filters: () => ({}), sort: 'createdAt:desc' });
}

export function useApplicationsTable() {
  return usePagedTable<CardProjectApplication, { status: string }>((p) => applications({ page: p.page, pageSize: p.pageSize, status: p.status || undefined }), { filters: () => ({ status: 'pending' }) });
}
