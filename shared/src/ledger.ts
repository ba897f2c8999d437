/** Agents (代理) and the quota ledger (额度). Money is integer fen. */

export interface AgentDto {
  id: string;
  username: string;
  email: string | null;
  status: 'active' | 'disabled';
  parentId: string | null;
  parentUsername: string | null;
  /** 0 for a top-level agent */
  depth: number;
  /** number of direct sub-agents */
  childCount: number;
  createdAt: string;
}

/** An agent with its quota balances (admin tree, sub-agent lists). */
export interface AgentWithBalanceDto extends AgentDto {
  availableFen: number;
  frozenFen: number;
}

/** `GET /api/v1/ledger/accounts/me` */
export interface LedgerBalanceDto {
  availableFen: number;
  frozenFen: number;
}

export type LedgerTransferStatus = 'posted' | 'pending' | 'voided';
export type LedgerTransferType = 'recharge' | 'transfer' | 'withdrawal' | 'card_purchase' | 'card_refund' | 'reversal' | string;
export type LedgerAccountKind = 'system' | 'agent' | 'card_sales' | 'withdrawals_payable';

/** The answer of every money-moving route. */
export interface LedgerTransferResultDto {
  id: string;
  status: LedgerTransferStatus;
  amountFen: number;
  /** true when the same idempotency key and body had already been answered */
  replayed?: boolean;
  /** true when a risk rule keeps the transfer pending until an admin releases or refuses it */
  held?: boolean;
}

export interface LedgerTransferDto {
  id: string;
  type: LedgerTransferType;
  status: LedgerTransferStatus;
  amountFen: number;
  fromKind: LedgerAccountKind;
  fromUserId: string | null;
  fromUsername: string | null;
  toKind: LedgerAccountKind;
  toUserId: string | null;
  toUsername: string | null;
  /** `review` while a risk rule holds it */
  hold: string | null;
  reference: string | null;
  note: string | null;
  operatorId: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export type WithdrawalStatus = 'pending' | 'approved' | 'rejected';

export interface WithdrawalDto {
  id: string;
  agentId: string;
  agentUsername: string;
  amountFen: number;
  status: WithdrawalStatus;
  /** payout account, masked (e.g. `6222 **** **** 1234`) */
  accountMasked: string;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** One line of a statement: a posted entry on the agent's account. */
export interface StatementItemDto {
  entryId: string;
  transferId: string;
  at: string;
  type: LedgerTransferType;
  /** signed: + in, − out */
  amountFen: number;
  /** total (available + frozen) after this entry */
  balanceFen: number;
  counterparty: string | null;
  note: string | null;
}

export interface StatementDto {
  openingFen: number;
  closingFen: number;
  items: StatementItemDto[];
  total: number;
  page: number;
  pageSize: number;
}

export interface LedgerStatsDto {
  /** per Asia/Shanghai day and transfer type: money in and out of the agents in scope */
  days: Array<{ day: string; type: string; inFen: number; outFen: number; count: number }>;
  byType: Array<{ type: string; inFen: number; outFen: number; count: number }>;
}

export interface LedgerSettingsDto {
  minTransferFen: number;
  minWithdrawalFen: number;
  /** transfers/withdrawals above this amount wait for review (0 = off) */
  riskHoldAmountFen: number;
  /** more than this many transfers from one agent within an hour wait for review (0 = off) */
  riskHoldPerHour: number;
}

export interface LedgerCheckDto {
  ok: boolean;
  sumFen: number;
  negativeAccounts: number;
  unresolvedPending: number;
  checkedAt: string;
  /** accounts whose frozen amount differs from the sum of their pending transfers */
  frozenMismatches: number;
  /** accounts whose balance differs from the sum of their entries */
  balanceMismatches: number;
  /** transfers whose entries do not match their status (resolved twice, posted without entries…) */
  badTransfers: number;
}
