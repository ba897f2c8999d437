import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import { Clock } from '../../common/clock.js';
import { fenNumber, isValidAmount, requestHash } from './domain/amounts.js';
import type { LedgerAccountKind } from './entities/ledger-account.entity.js';
import { LEDGER_QUOTA_CHANGED, type QuotaChangedEvent } from './ledger.events.js';
import { LedgerStore, type AccountRow, type TransferHead } from './ledger.store.js';

export type AccountRef = { kind: 'agent'; userId: string } | { kind: 'system' } | { kind: 'card_sales' } | { kind: 'withdrawals_payable' };

export interface TransferRequest {
  from: AccountRef;
  to: AccountRef;
  amountFen: bigint;
  /** 'recharge' | 'transfer' | 'withdrawal' | 'card_purchase' | 'card_refund' | 'reversal' | … (≤ 24 chars) */
  type: string;
  /** globally unique per intended movement (≤ 200 chars); prefix it with your module, e.g. `cardkeys:batch:<id>` */
  idempotencyKey: string;
  reference?: string | null;
  note?: string | null;
  operatorId?: string | null;
  /** two-phase: freeze now, post or void later with `resolveIn` (default false = posted at once) */
  pending?: boolean;
  /** with `pending`: a hold reason (`review`) that keeps it for an admin */
  hold?: string | null;
  /** for `reversal`: the transfer reversed (unique: one reversal per transfer) */
  reversesId?: string | null;
}

export interface TransferResult {
  id: string;
  status: 'posted' | 'pending' | 'voided';
  amountFen: bigint;
  replayed: boolean;
  /** the transfer's type and the agents whose balances this step changed (for events) */
  type?: string;
  changes?: Array<{ userId: string; availableDeltaFen: bigint }>;
}

/** Largest key length stored (client keys are 8–64, prefixed by the service). */
const MAX_KEY = 200;

/**
 * The double-entry quota ledger. Every movement is a transfer between two accounts, posted inside
 * the caller's transaction: account rows are updated in ascending id order (no deadlocks), an
 * agent's available balance is debited only with a guard (and a CHECK backs it), the two entries
 * are written in the same statement batch, and the idempotency key is unique.
 */
@Injectable()
export class LedgerService {
  private readonly logger = new Logger('Ledger');
  /** account ids by code — only rows seen committed are cached (accounts are never deleted) */
  private readonly accountIds = new Map<string, AccountRow>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
  ) {}

  /** Posts (or, with `pending`, freezes) a transfer inside the caller's transaction. */
  async postIn(m: EntityManager, req: TransferRequest): Promise<TransferResult> {
    if (typeof req.amountFen !== 'bigint' || !isValidAmount(req.amountFen)) {
      throw AppException.badRequest('VALIDATION_FAILED', 'amountFen must be an integer between 1 and 2^53−1', [{ field: 'amountFen', errors: ['must be a positive integer ≤ 2^53−1'] }]);
    }
    if (!req.idempotencyKey || req.idempotencyKey.length > MAX_KEY) throw AppException.badRequest('VALIDATION_FAILED', 'idempotencyKey is required (≤ 200 chars)');
    if (!/^[a-z_]{1,24}$/.test(req.type)) throw AppException.badRequest('LEDGER_INVALID_TRANSFER', `bad transfer type ${req.type}`);
    const from = await this.account(m, req.from);
    const to = await this.account(m, req.to);
    if (from.id === to.id) throw AppException.badRequest('LEDGER_SELF_TRANSFER', 'Source and destination are the same account');
    const hash = requestHash({
      from: codeOf(req.from),
      to: codeOf(req.to),
      amount: req.amountFen,
      type: req.type,
      reference: req.reference,
      note: req.note,
      pending: req.pending ? 1 : 0,
      reverses: req.reversesId,
    });
    const now = this.clock.now();
    const status = req.pending ? 'pending' : 'posted';
    const guard = from.kind === 'agent';
    const amount = req.amountFen;
    // Lock order: the lower account id is updated first. A pending transfer touches only the source
    // (available → frozen); a posted one debits the source and credits the destination.
    const debit = { accountId: from.id, availableDelta: -amount, frozenDelta: status === 'pending' ? amount : 0n, guard };
    const credit = { accountId: to.id, availableDelta: amount, frozenDelta: 0n, guard: false };
    const [first, second] = status === 'pending' ? [debit, null] : BigInt(from.id) < BigInt(to.id) ? [debit, credit] : [credit, debit];
    const { id, applied } = await LedgerStore.insertTransferAndUpdate(
      m,
      {
        idempotencyKey: req.idempotencyKey,
        requestHash: hash,
        type: req.type,
        status,
        fromAccountId: from.id,
        toAccountId: to.id,
        amountFen: amount,
        hold: req.pending ? (req.hold ?? null) : null,
        reference: req.reference ?? null,
        note: req.note ?? null,
        operatorId: req.operatorId ?? null,
        reversesId: req.reversesId ?? null,
        at: now,
      },
      first,
    );
    if (!id) {
      const prior = await LedgerStore.transferByKey(m, req.idempotencyKey);
      if (!prior) throw new Error('idempotency conflict without a row'); // cannot happen: ON CONFLICT saw it
      if (prior.requestHash !== hash) throw AppException.conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different request');
      return { id: prior.id, status: prior.status, amountFen: prior.amountFen, replayed: true, type: prior.type, changes: [] };
    }
    if (!applied) throw insufficient();
    if (second && !(await LedgerStore.updateAndLegs(m, second, { transferId: id, fromAccountId: from.id, toAccountId: to.id, amount, at: now }))) throw insufficient();
    const changes: Array<{ userId: string; availableDeltaFen: bigint }> = [];
    if (from.userId) changes.push({ userId: from.userId, availableDeltaFen: -req.amountFen });
    if (to.userId && status === 'posted') changes.push({ userId: to.userId, availableDeltaFen: req.amountFen });
    return { id, status, amountFen: req.amountFen, replayed: false, type: req.type, changes };
  }

  /**
   * Resolves a pending transfer exactly once, inside the caller's transaction: `posted` moves the
   * frozen amount to the destination, `voided` releases it. A second resolution → 409
   * LEDGER_TRANSFER_NOT_PENDING (the caller may translate it).
   */
  async resolveIn(m: EntityManager, transferId: string, to: 'posted' | 'voided', resolvedBy: string | null): Promise<TransferResult> {
    const now = this.clock.now();
    const t = await LedgerStore.resolveTransfer(m, transferId, to, now, resolvedBy);
    if (!t) {
      const exists = await LedgerStore.transferById(m, transferId);
      if (!exists) throw AppException.notFound('LEDGER_TRANSFER_NOT_FOUND', 'Transfer not found');
      throw AppException.conflict('LEDGER_TRANSFER_NOT_PENDING', 'This transfer is no longer pending');
    }
    const owners = await LedgerStore.agentUserIdsOfAccounts(m, [t.fromAccountId, t.toAccountId]);
    const changes: Array<{ userId: string; availableDeltaFen: bigint }> = [];
    if (to === 'voided') {
      await LedgerStore.unfreeze(m, t.fromAccountId, t.amountFen, true);
      const u = owners.get(t.fromAccountId);
      if (u) changes.push({ userId: u, availableDeltaFen: t.amountFen });
    } else {
      const debit = () => LedgerStore.unfreeze(m, t.fromAccountId, t.amountFen, false);
      const credit = () => LedgerStore.creditAvailable(m, t.toAccountId, t.amountFen);
      if (BigInt(t.fromAccountId) < BigInt(t.toAccountId)) {
        await debit();
        await credit();
      } else {
        await credit();
        await debit();
      }
      await LedgerStore.insertLegs(m, t.id, t.fromAccountId, t.toAccountId, t.amountFen, now);
      const fromUser = owners.get(t.fromAccountId);
      if (fromUser) changes.push({ userId: fromUser, availableDeltaFen: 0n });
      const toUser = owners.get(t.toAccountId);
      if (toUser) changes.push({ userId: toUser, availableDeltaFen: t.amountFen });
    }
    return { id: t.id, status: to, amountFen: t.amountFen, replayed: false, type: t.type, changes };
  }

  /** After the caller commits: one 'quota changed' event per agent per result. */
  publishAfterCommit(results: TransferResult[]): void {
    for (const r of results) {
      if (r.replayed) continue;
      for (const c of r.changes ?? []) {
        const e: QuotaChangedEvent = { userId: c.userId, transferId: r.id, type: r.type ?? 'unknown', status: r.status, availableDeltaFen: Number(c.availableDeltaFen) };
        try {
          this.events.emit(LEDGER_QUOTA_CHANGED, e);
        } catch (err) {
          this.logger.error(`a ${LEDGER_QUOTA_CHANGED} listener failed: ${err}`);
        }
      }
    }
  }

  /** Convenience: one posting in its own transaction, events after commit. */
  async post(req: TransferRequest): Promise<TransferResult> {
    const r = await this.dataSource.transaction((m) => this.postIn(m, req));
    this.publishAfterCommit([r]);
    return r;
  }

  /** An agent's balances (zeros before its first movement). */
  async balanceOf(userId: string, m: EntityManager = this.dataSource.manager): Promise<{ availableFen: number; frozenFen: number }> {
    const b = await LedgerStore.balanceOfUser(m, userId);
    return { availableFen: b ? fenNumber(b.availableFen) : 0, frozenFen: b ? fenNumber(b.frozenFen) : 0 };
  }

  async balancesOf(userIds: string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, { availableFen: number; frozenFen: number }>> {
    const map = await LedgerStore.balancesOfUsers(m, userIds);
    return new Map(userIds.map((u) => {
      const b = map.get(u);
      return [u, { availableFen: b ? fenNumber(b.availableFen) : 0, frozenFen: b ? fenNumber(b.frozenFen) : 0 }];
    }));
  }

  /** Resolves (and on first use creates) the account of a ref. */
  private async account(m: EntityManager, ref: AccountRef): Promise<AccountRow> {
    const code = codeOf(ref);
    const cached = this.accountIds.get(code);
    if (cached) return cached;
    const found = await LedgerStore.accountByCode(m, code);
    if (found) {
      this.accountIds.set(code, found);
      return found;
    }
    // Created inside the caller's transaction: not cached until seen committed.
    const created = await LedgerStore.insertAccount(m, code, ref.kind as LedgerAccountKind, ref.kind === 'agent' ? ref.userId : null);
    if (created) return created;
    const raced = await LedgerStore.accountByCode(m, code);
    if (!raced) throw new Error(`ledger account ${code} vanished`);
    return raced;
  }
}

export function codeOf(ref: AccountRef): string {
  if (ref.kind === 'agent') {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref.userId)) throw AppException.notFound('AGENT_NOT_FOUND', 'Agent not found');
    return `agent:${ref.userId.toLowerCase()}`;
  }
  return ref.kind;
}

function insufficient() {
  return AppException.conflict('LEDGER_INSUFFICIENT_FUNDS', 'Insufficient available quota');
}

export type { TransferHead };
