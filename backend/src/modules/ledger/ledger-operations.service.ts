import { createHmac } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { LedgerSettingsDto, LedgerTransferResultDto } from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { SecretBox } from '../../common/secret-box.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { AgentsService } from '../agents/agents.service.js';
import { OperationLogService } from '../audit/operation-log.service.js';
import { fenNumber, maskAccount } from './domain/amounts.js';
import type { DecideHeldDto, RechargeDto, TransferDto, UpdateLedgerSettingsDto, WithdrawDto } from './dto/ledger.dto.js';
import { LEDGER_WITHDRAWAL_DECIDED, type WithdrawalDecidedEvent } from './ledger.events.js';
import { LedgerService, type AccountRef, type TransferResult } from './ledger.service.js';
import { LedgerStore, type AccountRow } from './ledger.store.js';

export const DEFAULT_LEDGER_SETTINGS: LedgerSettingsDto = { minTransferFen: 100, minWithdrawalFen: 1_000, riskHoldAmountFen: 5_000_000, riskHoldPerHour: 30 };

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/**
 * The ledger's operations: admin recharge, agent → agent transfer (freeze, then post in a second
 * transaction, so a concurrent reader sees the freeze; risk rules keep it pending for review),
 * withdrawals (freeze → approved by an admin or an ancestor agent = posted to withdrawals payable;
 * rejected = voided), held-transfer review, reversals, settings. Client keys are namespaced by the
 * caller (`<kind>:<userId>:<key>`), so two users never collide.
 */
@Injectable()
export class LedgerOperationsService {
  private readonly logger = new Logger('Ledger');
  private readonly box: SecretBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly agents: AgentsService,
    private readonly audit: OperationLogService,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = new SecretBox(config.dataSecretKey, 'ledger-payout-account');
    this.keyHmac = (s: string) => createHmac('sha256', config.dataSecretKey).update(`ledger-payout:${s}`).digest('hex').slice(0, 32);
  }
  private readonly keyHmac: (s: string) => string;

  // ---- settings ------------------------------------------------------------------------------

  async settings(m: EntityManager = this.dataSource.manager): Promise<LedgerSettingsDto> {
    const row = await LedgerStore.settings(m);
    if (!row) return { ...DEFAULT_LEDGER_SETTINGS };
    return { minTransferFen: fenNumber(row.minTransferFen), minWithdrawalFen: fenNumber(row.minWithdrawalFen), riskHoldAmountFen: fenNumber(row.riskHoldAmountFen), riskHoldPerHour: row.riskHoldPerHour };
  }

  async updateSettings(dto: UpdateLedgerSettingsDto, op: AuthUser, ip: string | null): Promise<LedgerSettingsDto> {
    return this.dataSource.transaction(async (m) => {
      await LedgerStore.lockSettings(m);
      const before = await this.settings(m);
      const after: LedgerSettingsDto = { ...before, ...Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) };
      await LedgerStore.saveSettings(m, after, op.id, this.clock.now());
      await this.audit.record({ operator: op, action: 'ledger.settings', targetType: 'ledger', targetId: 'settings', before, after, ip }, m);
      return after;
    });
  }

  // ---- recharge ------------------------------------------------------------------------------

  /** Admin: the system issuer → an agent (the system account may go negative). */
  async recharge(dto: RechargeDto, op: AuthUser, ip: string | null): Promise<LedgerTransferResultDto> {
    if (!(await this.agents.isAgent(dto.agentId))) throw AppException.notFound('AGENT_NOT_FOUND', 'Agent not found');
    const r = await this.dataSource.transaction(async (m) => {
      const res = await this.ledger.postIn(m, {
        from: { kind: 'system' },
        to: { kind: 'agent', userId: dto.agentId },
        amountFen: BigInt(dto.amountFen),
        type: 'recharge',
        idempotencyKey: `recharge:${op.id}:${dto.idempotencyKey}`,
        note: dto.reason,
        operatorId: op.id,
      });
      if (!res.replayed) {
        await this.audit.record({ operator: op, action: 'ledger.recharge', targetType: 'user', targetId: dto.agentId, after: { transferId: res.id, amountFen: dto.amountFen, reason: dto.reason }, ip }, m);
      }
      return res;
    });
    this.ledger.publishAfterCommit([r]);
    return present(r);
  }

  // ---- agent → agent transfer ----------------------------------------------------------------

  async transfer(dto: TransferDto, op: AuthUser): Promise<LedgerTransferResultDto> {
    if (op.role !== 'agent') throw AppException.forbidden('FORBIDDEN', 'Only agents transfer quota; admins recharge');
    const toId = await this.agents.agentIdByUsername(dto.toUsername);
    if (!toId) throw AppException.notFound('USER_NOT_FOUND', 'No agent with this username');
    if (toId === op.id) throw AppException.badRequest('LEDGER_SELF_TRANSFER', 'You cannot transfer to yourself');
    const settings = await this.settings();
    if (dto.amountFen < settings.minTransferFen) throw AppException.badRequest('LEDGER_AMOUNT_TOO_SMALL', `The minimum transfer is ${settings.minTransferFen} fen`, { minFen: settings.minTransferFen });
    const from: AccountRef = { kind: 'agent', userId: op.id };
    const key = `transfer:${op.id}:${dto.idempotencyKey}`;
    // Phase 1: freeze (committed, visible to readers). Risk rules may keep it for review.
    const frozen = await this.dataSource.transaction(async (m) => {
      const held = await this.riskHold(m, op.id, BigInt(dto.amountFen), settings);
      return this.ledger.postIn(m, { from, to: { kind: 'agent', userId: toId }, amountFen: BigInt(dto.amountFen), type: 'transfer', idempotencyKey: key, note: dto.note ?? null, operatorId: op.id, pending: true, hold: held ? 'review' : null });
    });
    this.ledger.publishAfterCommit([frozen]);
    if (frozen.status !== 'pending') return present(frozen);
    const head = await LedgerStore.transferRow(this.dataSource.manager, frozen.id);
    if (head?.hold) return { ...present(frozen), held: true };
    // Phase 2: post (also finishes a replayed transfer whose second phase never ran).
    try {
      const posted = await this.dataSource.transaction((m) => this.ledger.resolveIn(m, frozen.id, 'posted', op.id));
      this.ledger.publishAfterCommit([posted]);
      return { ...present(posted), replayed: frozen.replayed };
    } catch (e) {
      if (e instanceof AppException && e.code === 'LEDGER_TRANSFER_NOT_PENDING') {
        const now = await LedgerStore.transferRow(this.dataSource.manager, frozen.id);
        return { id: frozen.id, status: now?.status ?? 'posted', amountFen: Number(frozen.amountFen), replayed: true };
      }
      throw e;
    }
  }

  /** Seed §9.2: large amounts, or too many transfers within an hour, wait for an admin. */
  private async riskHold(m: EntityManager, userId: string, amount: bigint, s: LedgerSettingsDto): Promise<boolean> {
    if (s.riskHoldAmountFen > 0 && amount > BigInt(s.riskHoldAmountFen)) return true;
    if (s.riskHoldPerHour > 0) {
      const acct = await LedgerStore.accountByCode(m, `agent:${userId}`);
      if (acct) {
        const n = await LedgerStore.countTransfersFromSince(m, acct.id, 'transfer', new Date(this.clock.now().getTime() - 3_600_000));
        if (n >= s.riskHoldPerHour) return true;
      }
    }
    return false;
  }

  /** Admin: release (post) or refuse (void) a transfer a risk rule holds. */
  async decideHeld(id: string, decision: 'release' | 'refuse', dto: DecideHeldDto, op: AuthUser, ip: string | null): Promise<LedgerTransferResultDto> {
    if (!isUuid(id)) throw AppException.notFound('LEDGER_TRANSFER_NOT_FOUND', 'Transfer not found');
    const r = await this.dataSource.transaction(async (m) => {
      const t = await LedgerStore.transferRow(m, id);
      if (!t || t.type !== 'transfer') throw AppException.notFound('LEDGER_TRANSFER_NOT_FOUND', 'Transfer not found');
      if (t.status !== 'pending' || !t.hold) throw AppException.conflict('LEDGER_TRANSFER_NOT_PENDING', 'This transfer is not waiting for review');
      const res = await this.ledger.resolveIn(m, id, decision === 'release' ? 'posted' : 'voided', op.id);
      await this.audit.record({ operator: op, action: decision === 'release' ? 'ledger.hold_release' : 'ledger.hold_refuse', targetType: 'ledger_transfer', targetId: id, before: { status: 'pending', hold: t.hold }, after: { status: res.status, reason: dto.reason ?? null }, ip }, m);
      return res;
    });
    this.ledger.publishAfterCommit([r]);
    return present(r);
  }

  // ---- withdrawals ---------------------------------------------------------------------------

  async withdraw(dto: WithdrawDto, op: AuthUser): Promise<LedgerTransferResultDto> {
    if (op.role !== 'agent') throw AppException.forbidden('FORBIDDEN', 'Only agents withdraw quota');
    const settings = await this.settings();
    if (dto.amountFen < settings.minWithdrawalFen) throw AppException.badRequest('LEDGER_AMOUNT_TOO_SMALL', `The minimum withdrawal is ${settings.minWithdrawalFen} fen`, { minFen: settings.minWithdrawalFen });
    const account = dto.account.trim();
    const r = await this.dataSource.transaction(async (m) => {
      const res = await this.ledger.postIn(m, {
        from: { kind: 'agent', userId: op.id },
        to: { kind: 'withdrawals_payable' },
        amountFen: BigInt(dto.amountFen),
        type: 'withdrawal',
        idempotencyKey: `withdrawal:${op.id}:${dto.idempotencyKey}`,
        reference: `acct:${this.keyHmac(account)}`,
        operatorId: op.id,
        pending: true,
      });
      if (!res.replayed) {
        await LedgerStore.insertWithdrawal(m, { id: res.id, agentId: op.id, amountFen: res.amountFen, accountSealed: this.box.seal(account, `withdrawal:${res.id}`), accountMasked: maskAccount(account), at: this.clock.now() });
      }
      return res;
    });
    this.ledger.publishAfterCommit([r]);
    const w = await LedgerStore.withdrawalHead(this.dataSource.manager, r.id);
    return { id: r.id, status: (w?.status === 'pending' ? 'pending' : r.status) as never, amountFen: Number(r.amountFen), replayed: r.replayed };
  }

  /** Admins decide any withdrawal; an agent decides its descendants' (never its own). */
  async decideWithdrawal(id: string, decision: 'approved' | 'rejected', reason: string | null, op: AuthUser, ip: string | null): Promise<{ id: string; status: 'approved' | 'rejected' }> {
    const w = isUuid(id) ? await LedgerStore.withdrawalHead(this.dataSource.manager, id) : null;
    if (!w) throw AppException.notFound('WITHDRAWAL_NOT_FOUND', 'Withdrawal not found');
    if (op.role !== 'admin' && !(op.role === 'agent' && (await this.agents.isAncestor(op.id, w.agentId)))) throw AppException.notFound('WITHDRAWAL_NOT_FOUND', 'Withdrawal not found');
    const at = this.clock.now();
    const r = await this.dataSource.transaction(async (m) => {
      if (!(await LedgerStore.decideWithdrawal(m, id, decision, reason, op.id, at))) throw AppException.conflict('WITHDRAWAL_ALREADY_DECIDED', 'This withdrawal was already decided');
      const res = await this.ledger.resolveIn(m, id, decision === 'approved' ? 'posted' : 'voided', op.id);
      await this.audit.record({ operator: op, action: decision === 'approved' ? 'ledger.withdrawal_approve' : 'ledger.withdrawal_reject', targetType: 'ledger_withdrawal', targetId: id, before: { status: 'pending' }, after: { status: decision, amountFen: Number(w.amountFen), reason }, ip }, m);
      return res;
    });
    this.ledger.publishAfterCommit([r]);
    const e: WithdrawalDecidedEvent = { withdrawalId: id, agentId: w.agentId, amountFen: Number(w.amountFen), decision, reason, decidedBy: op.id };
    try {
      this.events.emit(LEDGER_WITHDRAWAL_DECIDED, e);
    } catch (err) {
      this.logger.error(`a ${LEDGER_WITHDRAWAL_DECIDED} listener failed: ${err}`);
    }
    return { id, status: decision };
  }

  /** The payout account in clear, for the admin or ancestor paying it out (audited). */
  async revealAccount(id: string, op: AuthUser, ip: string | null): Promise<{ account: string }> {
    const w = isUuid(id) ? await LedgerStore.withdrawalHead(this.dataSource.manager, id) : null;
    if (!w) throw AppException.notFound('WITHDRAWAL_NOT_FOUND', 'Withdrawal not found');
    if (op.role !== 'admin' && !(op.role === 'agent' && (await this.agents.isAncestor(op.id, w.agentId)))) throw AppException.notFound('WITHDRAWAL_NOT_FOUND', 'Withdrawal not found');
    const sealed = await LedgerStore.withdrawalSealed(this.dataSource.manager, id);
    await this.audit.record({ operator: op, action: 'ledger.withdrawal_reveal', targetType: 'ledger_withdrawal', targetId: id, ip });
    return { account: this.box.open(sealed!, `withdrawal:${id}`) };
  }

  // ---- reversal ------------------------------------------------------------------------------

  /** Admin: a correction is a new transfer the other way (at most one per transfer). */
  async reverse(id: string, reason: string, op: AuthUser, ip: string | null): Promise<LedgerTransferResultDto> {
    if (!isUuid(id)) throw AppException.notFound('LEDGER_TRANSFER_NOT_FOUND', 'Transfer not found');
    const r = await this.dataSource.transaction(async (m) => {
      const t = await LedgerStore.transferRow(m, id);
      if (!t) throw AppException.notFound('LEDGER_TRANSFER_NOT_FOUND', 'Transfer not found');
      if (t.status !== 'posted' || t.type === 'reversal') throw AppException.conflict('LEDGER_INVALID_TRANSFER', 'Only posted transfers (not reversals) can be reversed');
      const [from, to] = await Promise.all([LedgerStore.accountById(m, t.toAccountId), LedgerStore.accountById(m, t.fromAccountId)]);
      const res = await this.ledger
        .postIn(m, { from: refOf(from!), to: refOf(to!), amountFen: t.amountFen, type: 'reversal', idempotencyKey: `reversal:${id}`, reversesId: id, note: reason, operatorId: op.id })
        .catch((e: unknown) => {
          if (e instanceof AppException && e.code === 'IDEMPOTENCY_KEY_REUSED') throw AppException.conflict('LEDGER_ALREADY_REVERSED', 'This transfer was already reversed');
          throw e;
        });
      if (res.replayed) throw AppException.conflict('LEDGER_ALREADY_REVERSED', 'This transfer was already reversed');
      await this.audit.record({ operator: op, action: 'ledger.reverse', targetType: 'ledger_transfer', targetId: id, after: { reversalId: res.id, amountFen: Number(t.amountFen), reason }, ip }, m);
      return res;
    });
    this.ledger.publishAfterCommit([r]);
    return present(r);
  }
}

function refOf(a: AccountRow): AccountRef {
  return a.kind === 'agent' ? { kind: 'agent', userId: a.userId! } : { kind: a.kind };
}

function present(r: TransferResult): LedgerTransferResultDto {
  return { id: r.id, status: r.status, amountFen: Number(r.amountFen), replayed: r.replayed };
}
