import type {
  AgentWithBalanceDto,
  LedgerBalanceDto,
  LedgerCheckDto,
  LedgerSettingsDto,
  LedgerStatsDto,
  LedgerTransferDto,
  LedgerTransferResultDto,
  Paged,
  StatementDto,
  UserDto,
  WithdrawalDto,
} from '@zhice/shared';
import { cleanParams } from './errors';
import { http } from './http';

/** Agents (代理) and the quota ledger (额度). Money in fen. */

export interface AgentQuery { q?: string; status?: string; rootId?: string; page: number; pageSize: number; sort?: string }
export interface TransferQuery { agentId?: string; account?: string; type?: string; status?: string; hold?: string; from?: string; to?: string; page: number; pageSize: number; sort?: string }
export interface WithdrawalQuery { status?: string; agentId?: string; page: number; pageSize: number; sort?: string }
export interface PeriodQuery { agentId?: string; from?: string; to?: string }

export const TRANSFER_TYPES = ['recharge', 'transfer', 'withdrawal', 'card_purchase', 'card_refund', 'reversal'] as const;

export const getMyBalance = async () => (await http.get<LedgerBalanceDto>('/ledger/accounts/me')).data;
export const listAgentsWithBalances = async (q: AgentQuery) => (await http.get<Paged<AgentWithBalanceDto>>('/ledger/agents', { params: cleanParams(q) })).data;
export const createSubAgent = async (body: { username: string; password: string; email?: string }) => (await http.post<UserDto>('/agent/sub-agents', body)).data;
export const createAgent = async (body: { username: string; password: string; email?: string; parentId?: string }) => (await http.post<UserDto>('/admin/users', { ...body, role: 'agent' })).data;
export const setSubAgentStatus = async (id: string, status: 'active' | 'disabled') => (await http.post<UserDto>(`/agent/sub-agents/${id}/${status === 'active' ? 'enable' : 'disable'}`)).data;
export const moveAgent = async (id: string, parentId: string | null) => (await http.post(`/admin/agents/${id}/move`, { parentId })).data;

export const recharge = async (body: { agentId: string; amountFen: number; reason: string; idempotencyKey: string }) => (await http.post<LedgerTransferResultDto>('/admin/ledger/recharges', body)).data;
export const transfer = async (body: { toUsername: string; amountFen: number; idempotencyKey: string; note?: string }) => (await http.post<LedgerTransferResultDto>('/ledger/transfers', body)).data;
export const withdraw = async (body: { amountFen: number; account: string; idempotencyKey: string }) => (await http.post<LedgerTransferResultDto>('/ledger/withdrawals', body)).data;

export const listTransfers = async (q: TransferQuery, admin: boolean) => (await http.get<Paged<LedgerTransferDto>>(admin ? '/admin/ledger/transfers' : '/ledger/transfers', { params: cleanParams(q) })).data;
export const decideHeld = async (id: string, decision: 'release' | 'refuse') => (await http.post<LedgerTransferResultDto>(`/admin/ledger/transfers/${id}/${decision}`, {})).data;
export const reverseTransfer = async (id: string, reason: string) => (await http.post<LedgerTransferResultDto>(`/admin/ledger/transfers/${id}/reverse`, { reason })).data;

export const listWithdrawals = async (q: WithdrawalQuery, admin: boolean) => (await http.get<Paged<WithdrawalDto>>(admin ? '/admin/ledger/withdrawals' : '/ledger/withdrawals', { params: cleanParams(q) })).data;
export async function decideWithdrawal(id: string, decision: 'approve' | 'reject', admin: boolean, reason?: string) {
  const base = admin ? '/admin/ledger/withdrawals' : '/agent/withdrawals';
  return (await http.post<{ id: string; status: string }>(`${base}/${id}/${decision}`, decision === 'reject' ? { reason } : undefined)).data;
}
export const revealAccount = async (id: string) => (await http.post<{ account: string }>(`/agent/withdrawals/${id}/account`)).data;

export const getStatement = async (q: PeriodQuery & { page: number; pageSize: number }) => (await http.get<StatementDto>('/ledger/statement', { params: cleanParams(q) })).data;
export async function downloadStatement(q: PeriodQuery): Promise<Blob> {
  return (await http.get<Blob>('/ledger/statement/export', { params: cleanParams(q), responseType: 'blob' })).data;
}
export const getStats = async (q: PeriodQuery) => (await http.get<LedgerStatsDto>('/ledger/stats', { params: cleanParams(q) })).data;

export const runCheck = async () => (await http.get<LedgerCheckDto>('/admin/ledger/check')).data;
export const latestCheck = async () => (await http.get<LedgerCheckDto | null>('/admin/ledger/check/latest')).data;
export const getPlatformAccounts = async () => (await http.get<Array<{ kind: string; availableFen: number; frozenFen: number }>>('/admin/ledger/accounts')).data;
export const getLedgerSettings = async () => (await http.get<LedgerSettingsDto>('/admin/ledger/settings')).data;
export const saveLedgerSettings = async (body: Partial<LedgerSettingsDto>) => (await http.put<LedgerSettingsDto>('/admin/ledger/settings', body)).data;
