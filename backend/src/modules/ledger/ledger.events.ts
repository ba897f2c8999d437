/** Published in-process after commit (EventEmitter2). Subscribers must not assume order across agents. */
export const LEDGER_QUOTA_CHANGED = 'ledger.quota-changed';
export interface QuotaChangedEvent {
  /** the agent whose available or frozen quota changed */
  userId: string;
  transferId: string;
  type: string;
  status: 'posted' | 'pending' | 'voided';
  /** signed change of the agent's available quota by this step, in fen (as a number; ≤ 2^53) */
  availableDeltaFen: number;
}

export const LEDGER_WITHDRAWAL_DECIDED = 'ledger.withdrawal-decided';
export interface WithdrawalDecidedEvent {
  withdrawalId: string;
  agentId: string;
  amountFen: number;
  decision: 'approved' | 'rejected';
  reason: string | null;
  decidedBy: string | null;
}
