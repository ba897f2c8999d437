import type {
  AgentCardProject,
  ApiErrorBody,
  CardBatch,
  CardBatchCreated,
  CardBatchVoided,
  CardKeyItem,
  CardKeySettings,
  CardKeyStats,
  CardPriceEntry,
  CardPriceQuote,
  CardProject,
  CardProjectApplication,
  CardProjectAuthorization,
  CardProjectCreated,
  CardVerificationLogEntry,
  CreateCardBatchRequest,
  Paged,
} from '@zhice/shared';
import { ApiError, cleanParams } from './errors';
import { http } from './http';

/** Card keys (卡密): batches, keys, projects, prices, stats. Agents see their subtree; admins all. */

export interface PageQuery {
  page: number;
  pageSize: number;
  sort?: string;
}

export async function listBatches(q: PageQuery & { status?: string; kind?: string; projectId?: string }): Promise<Paged<CardBatch>> {
  return (await http.get<Paged<CardBatch>>('/agent/card-batches', { params: cleanParams(q) })).data;
}
export async function getBatch(id: string): Promise<CardBatch> {
  return (await http.get<CardBatch>(`/agent/card-batches/${encodeURIComponent(id)}`)).data;
}
export async function createBatch(body: CreateCardBatchRequest): Promise<CardBatchCreated> {
  return (await http.post<CardBatchCreated>('/agent/card-batches', body)).data;
}
export async function voidBatch(id: string): Promise<CardBatchVoided> {
  return (await http.post<CardBatchVoided>(`/agent/card-batches/${encodeURIComponent(id)}/void`, {})).data;
}
export async function quote(q: { level?: number; months?: number; projectId?: string; durationDays?: number; count: number }): Promise<CardPriceQuote> {
  return (await http.get<CardPriceQuote>('/agent/card-prices/quote', { params: cleanParams(q) })).data;
}
export async function myBalance(): Promise<{ availableFen: number; frozenFen: number } | null> {
  try {
    return (await http.get<{ availableFen: number; frozenFen: number }>('/ledger/accounts/me')).data;
  } catch {
    return null;
  }
}

async function download(url: string, params: Record<string, unknown>, fallback: string): Promise<{ blob: Blob; filename: string }> {
  let res;
  try {
    res = await http.get<Blob>(url, { params: cleanParams(params), responseType: 'blob', timeout: 10 * 60_000 });
  } catch (e) {
    if (e instanceof ApiError && e.details instanceof Blob) {
      const body = JSON.parse(await e.details.text().catch(() => '{}')) as Partial<ApiErrorBody>;
      if (typeof body.code === 'string') throw new ApiError(e.statusCode, body.code, body.message ?? e.message, body.details);
    }
    throw e;
  }
  const filename = /filename="([^"]+)"/.exec(String(res.headers['content-disposition'] ?? ''))?.[1] ?? fallback;
  return { blob: res.data, filename };
}
export function exportBatch(id: string, format: 'csv' | 'xlsx') {
  return download(`/agent/card-batches/${encodeURIComponent(id)}/export`, { format }, `card-keys.${format}`);
}
export function exportStats(q: { from?: string; to?: string }) {
  return download('/agent/card-keys/stats/export', q, 'card-key-stats.csv');
}

export async function searchKeys(q: PageQuery & { code?: string; last4?: string; batchId?: string; status?: string; projectId?: string }): Promise<Paged<CardKeyItem>> {
  return (await http.get<Paged<CardKeyItem>>('/agent/card-keys', { params: cleanParams(q) })).data;
}
export async function unbindKey(code: string): Promise<{ id: string; expiresAt: string | null; unbindCount: number }> {
  return (await http.post<{ id: string; expiresAt: string | null; unbindCount: number }>(`/agent/card-keys/${encodeURIComponent(code.trim())}/unbind`, {})).data;
}
export async function verificationLogs(q: PageQuery & { projectId?: string; result?: string }): Promise<Paged<CardVerificationLogEntry>> {
  return (await http.get<Paged<CardVerificationLogEntry>>('/agent/card-keys/verifications', { params: cleanParams(q) })).data;
}
export async function stats(q: { from?: string; to?: string }): Promise<CardKeyStats> {
  return (await http.get<CardKeyStats>('/agent/card-keys/stats', { params: cleanParams(q) })).data;
}

export async function listProjects(q: PageQuery): Promise<Paged<CardProject>> {
  return (await http.get<Paged<CardProject>>('/admin/projects', { params: cleanParams(q) })).data;
}
export async function createProject(body: { name: string; description?: string; version?: string; callbackUrl?: string; retailFenPer30d?: number }): Promise<CardProjectCreated> {
  return (await http.post<CardProjectCreated>('/admin/projects', body)).data;
}
export async function updateProject(id: string, body: Partial<{ name: string; description: string; version: string; callbackUrl: string | null; enabled: boolean; retailFenPer30d: number; rateLimitPerMinute: number }>): Promise<CardProject> {
  return (await http.patch<CardProject>(`/admin/projects/${encodeURIComponent(id)}`, body)).data;
}
export async function rotateSecret(id: string): Promise<CardProjectCreated> {
  return (await http.post<CardProjectCreated>(`/admin/projects/${encodeURIComponent(id)}/rotate-secret`, {})).data;
}
export async function authorizations(id: string): Promise<CardProjectAuthorization[]> {
  return (await http.get<CardProjectAuthorization[]>(`/admin/projects/${encodeURIComponent(id)}/authorizations`)).data;
}
export async function authorize(id: string, body: { agentId: string; expiresAt?: string | null }): Promise<CardProjectAuthorization> {
  return (await http.post<CardProjectAuthorization>(`/admin/projects/${encodeURIComponent(id)}/authorizations`, body)).data;
}
export async function revoke(id: string, agentId: string): Promise<void> {
  await http.post(`/admin/projects/${encodeURIComponent(id)}/authorizations/${encodeURIComponent(agentId)}/revoke`, {});
}
export async function agentProjects(): Promise<AgentCardProject[]> {
  return (await http.get<AgentCardProject[]>('/agent/projects')).data;
}
export async function apply(projectId: string, reason: string): Promise<CardProjectApplication> {
  return (await http.post<CardProjectApplication>(`/agent/projects/${encodeURIComponent(projectId)}/applications`, { reason })).data;
}
export async function applications(q: PageQuery & { status?: string }): Promise<Paged<CardProjectApplication>> {
  return (await http.get<Paged<CardProjectApplication>>('/agent/project-applications', { params: cleanParams(q) })).data;
}
export async function decide(id: string, approve: boolean, body: { expiresAt?: string | null; note?: string }): Promise<CardProjectApplication> {
  return (await http.post<CardProjectApplication>(`/agent/project-applications/${encodeURIComponent(id)}/${approve ? 'approve' : 'refuse'}`, body)).data;
}
export async function prices(): Promise<CardPriceEntry[]> {
  return (await http.get<CardPriceEntry[]>('/admin/card-prices')).data;
}
export async function setPrice(body: { level?: number; months?: number; projectId?: string; durationDays?: number; priceFen: number | null }): Promise<CardPriceEntry[]> {
  return (await http.put<CardPriceEntry[]>('/admin/card-prices', body)).data;
}
export async function getSettings(): Promise<CardKeySettings> {
  return (await http.get<CardKeySettings>('/admin/card-settings')).data;
}
export async function putSettings(body: Partial<CardKeySettings>): Promise<CardKeySettings> {
  return (await http.put<CardKeySettings>('/admin/card-settings', body)).data;
}
