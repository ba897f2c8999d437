import type {
  AllocationDto,
  ApiErrorBody,
  CreateStockPoolRequest,
  DrawDto,
  DrawReason,
  DrawReplayDto,
  JobProgress,
  MemberAllocationSummaryDto,
  Paged,
  PoolHoldersDto,
  PoolPreviewDto,
  RerollResultDto,
  StockPoolDetailDto,
  StockPoolDto,
  StockPoolStatus,
  UpdateStockPoolRequest,
} from '@zhice/shared';
import { ApiError, cleanParams } from './errors';
import { http } from './http';

/** Stock pools, activation and allocations (admin). */

export interface PoolListQuery {
  status?: StockPoolStatus | '';
  q?: string;
  page: number;
  pageSize: number;
}

export async function listPools(query: PoolListQuery): Promise<Paged<StockPoolDto>> {
  return (await http.get<Paged<StockPoolDto>>('/admin/stock-pools', { params: cleanParams(query) })).data;
}

export async function getPool(id: string): Promise<StockPoolDetailDto> {
  return (await http.get<StockPoolDetailDto>(`/admin/stock-pools/${encodeURIComponent(id)}`)).data;
}

export async function getPoolHolders(id: string): Promise<PoolHoldersDto> {
  return (await http.get<PoolHoldersDto>(`/admin/stock-pools/${encodeURIComponent(id)}/holders`)).data;
}

export async function previewPoolText(text: string): Promise<PoolPreviewDto> {
  return (await http.post<PoolPreviewDto>('/admin/stock-pools/preview', { text })).data;
}

export async function previewPoolFile(file: File): Promise<PoolPreviewDto> {
  const form = new FormData();
  form.append('file', file, file.name);
  return (await http.post<PoolPreviewDto>('/admin/stock-pools/preview', form)).data;
}

export async function createPool(body: CreateStockPoolRequest): Promise<StockPoolDto> {
  return (await http.post<StockPoolDto>('/admin/stock-pools', body)).data;
}

export async function updatePool(id: string, body: UpdateStockPoolRequest): Promise<StockPoolDto> {
  return (await http.patch<StockPoolDto>(`/admin/stock-pools/${encodeURIComponent(id)}`, body)).data;
}

export async function deletePool(id: string): Promise<void> {
  await http.delete(`/admin/stock-pools/${encodeURIComponent(id)}`);
}

export async function activatePool(id: string): Promise<{ jobId: string }> {
  return (await http.post<{ jobId: string }>(`/admin/stock-pools/${encodeURIComponent(id)}/activate`, {})).data;
}

export type ActivationProgress = JobProgress & { poolId: string; result: Record<string, unknown> };

export async function getActivation(poolId: string): Promise<ActivationProgress> {
  return (await http.get<ActivationProgress>(`/admin/stock-pools/${encodeURIComponent(poolId)}/activation`)).data;
}

export interface AllocationFilters {
  poolId?: string;
  userId?: string;
  vipLevel?: number | '';
  active?: boolean | '';
  tsCode?: string;
}

export async function listAllocations(query: AllocationFilters & { page: number; pageSize: number }): Promise<Paged<AllocationDto>> {
  return (await http.get<Paged<AllocationDto>>('/admin/allocations', { params: cleanParams(query) })).data;
}

export async function listDraws(query: { userId?: string; poolId?: string; reason?: DrawReason | ''; page: number; pageSize: number }): Promise<Paged<DrawDto>> {
  return (await http.get<Paged<DrawDto>>('/admin/allocations/draws', { params: cleanParams(query) })).data;
}

export async function getMemberAllocations(userId: string): Promise<MemberAllocationSummaryDto> {
  return (await http.get<MemberAllocationSummaryDto>(`/admin/allocations/users/${encodeURIComponent(userId)}`)).data;
}

/** `idempotencyKey`: one per confirmation dialog, so a retry re-rolls once. */
export async function rerollMember(userId: string, idempotencyKey?: string): Promise<RerollResultDto> {
  return (await http.post<RerollResultDto>(`/admin/allocations/users/${encodeURIComponent(userId)}/reroll`, idempotencyKey ? { idempotencyKey } : {})).data;
}

export async function replayDraw(drawId: string): Promise<DrawReplayDto> {
  return (await http.post<DrawReplayDto>(`/admin/allocations/draws/${encodeURIComponent(drawId)}/replay`, {})).data;
}

/** Downloads the export (authenticated, so through the client) and returns the file with its name. */
export async function exportAllocations(filters: AllocationFilters, format: 'json' | 'xlsx'): Promise<{ blob: Blob; filename: string }> {
  let res;
  try {
    res = await http.get<Blob>('/admin/allocations/export', { params: cleanParams({ ...filters, format }), responseType: 'blob', timeout: 10 * 60_000 });
  } catch (e) {
    // With responseType blob the error body arrives as a Blob too: read the standard error shape from it.
    if (e instanceof ApiError && e.details instanceof Blob) {
      const body = JSON.parse(await e.details.text().catch(() => '{}')) as Partial<ApiErrorBody>;
      if (typeof body.code === 'string') throw new ApiError(e.statusCode, body.code, body.message ?? e.message, body.details);
    }
    throw e;
  }
  const disposition = String(res.headers['content-disposition'] ?? '');
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `allocations.${format}`;
  return { blob: res.data, filename };
}
