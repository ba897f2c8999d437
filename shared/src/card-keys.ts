/** Card keys (卡密): batches, keys, projects and the signed verify API. Amounts in fen. */
export type CardKeyStatus = 'unused' | 'used' | 'void';
export type CardBatchKind = 'vip' | 'project';
export type CardBatchStatus = 'generating' | 'ready' | 'failed';

export interface CreateCardBatchRequest {
  level?: number;
  months?: number;
  projectId?: string;
  durationDays?: number;
  count: number;
  note?: string;
  redeemBy?: string;
  idempotencyKey?: string;
}

export interface CardBatchCreated {
  id: string;
  count: number;
  costFen: number;
  status: CardBatchStatus;
  jobId: string | null;
}

export interface CardBatch {
  id: string;
  ownerId: string;
  ownerName: string | null;
  kind: CardBatchKind;
  level: number | null;
  months: number | null;
  projectId: string | null;
  projectName: string | null;
  durationDays: number | null;
  count: number;
  generated: number;
  unusedCount: number;
  usedCount: number;
  voidedCount: number;
  unitPriceFen: number;
  costFen: number;
  refundedFen: number;
  status: CardBatchStatus;
  redeemBy: string | null;
  note: string;
  jobId: string | null;
  createdAt: string;
}

export interface CardBatchVoided {
  voided: number;
  refundFen: number;
}

export interface CardPriceQuote {
  unitPriceFen: number;
  costFen: number;
  retailFen: number;
  isDefault: boolean;
}

export interface CardPriceEntry {
  kind: CardBatchKind;
  level: number | null;
  months: number | null;
  projectId: string | null;
  projectName: string | null;
  durationDays: number | null;
  priceFen: number;
  retailFen: number;
  isDefault: boolean;
}

export interface CardKeyItem {
  id: string;
  batchId: string;
  maskedCode: string;
  status: CardKeyStatus;
  kind: CardBatchKind;
  level: number | null;
  months: number | null;
  projectId: string | null;
  projectName: string | null;
  durationDays: number | null;
  ownerName: string | null;
  redeemedByName: string | null;
  usedAt: string | null;
  expiresAt: string | null;
  deviceId: string | null;
  lastUnbindAt: string | null;
  unbindCount: number;
}

export interface CardKeyStatsBucket {
  key: string;
  count: number;
  used?: number;
}
export interface CardKeyStats {
  from: string;
  to: string;
  byStatus: CardKeyStatsBucket[];
  byLevel: CardKeyStatsBucket[];
  byProject: CardKeyStatsBucket[];
  byAgent: CardKeyStatsBucket[];
  generatedByDay: CardKeyStatsBucket[];
  usedByDay: CardKeyStatsBucket[];
}

export interface CardProjectCreated {
  id: string;
  name: string;
  apiKey: string;
  /** Shown once. */
  apiSecret: string;
}

export interface CardProject {
  id: string;
  name: string;
  description: string;
  version: string;
  callbackUrl: string | null;
  apiKey: string;
  enabled: boolean;
  retailFenPer30d: number;
  rateLimitPerMinute: number;
  bannedUntil: string | null;
  authorizedAgents: number;
  keyCount: number;
  pendingApplications: number;
  createdAt: string;
}

export interface CardProjectAuthorization {
  id: string;
  projectId: string;
  agentId: string;
  agentName: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  active: boolean;
  createdAt: string;
}

export interface AgentCardProject {
  id: string;
  name: string;
  description: string;
  version: string;
  authorized: boolean;
  authorizedUntil: string | null;
  applicationStatus: 'pending' | 'approved' | 'refused' | null;
}

export interface CardProjectApplication {
  id: string;
  projectId: string;
  projectName: string;
  agentId: string;
  agentName: string | null;
  reason: string;
  status: 'pending' | 'approved' | 'refused';
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
}

export interface CardVerificationLogEntry {
  id: string;
  at: string;
  projectId: string;
  projectName: string;
  keyId: string | null;
  maskedCode: string | null;
  action: 'verify' | 'query';
  deviceId: string | null;
  ip: string | null;
  result: string;
}

export type CardVerifyReason = 'OK' | 'NOT_FOUND' | 'VOID' | 'EXPIRED' | 'DEVICE_MISMATCH' | 'NOT_ACTIVATED';
export interface CardVerifyResult {
  valid: boolean;
  reason: CardVerifyReason;
  activatedAt: string | null;
  expiresAt: string | null;
  /** null = permanent (or not activated). */
  remainingSeconds: number | null;
}

export interface CardKeyQueryResult {
  status: CardKeyStatus | 'expired' | 'not_found';
  activatedAt: string | null;
  expiresAt: string | null;
  durationDays: number | null;
  deviceBound: boolean;
}

export interface CardKeySettings {
  unbindCooldownHours: number;
  defaultDiscountPct: number;
}
