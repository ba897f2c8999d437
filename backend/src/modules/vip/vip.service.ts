import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { MySubscriptionDto, Paged, VipGrantDto, VipLevelAdmin, VipLevelPublic, VipLevelUpdateResult } from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { paged } from '../../common/pagination.js';
import { OperationLogService } from '../audit/operation-log.service.js';
import { JobsService } from '../jobs/jobs.service.js';
import { isStrategyId, STRATEGY_IDS } from '../signals/strategies/registry.js';
import { UsersService } from '../users/users.service.js';
import { planGrant } from './domain/grant-rules.js';
import { effectiveLevel } from './domain/vip-levels.js';
import type { ListVipGrantsQueryDto, UpdateVipLevelDto } from './dto/vip.dto.js';
import type { VipGrant, GrantSource } from './entities/vip-grant.entity.js';
import { planRevert } from './domain/revert-rules.js';
import type { VipLevel } from './entities/vip-level.entity.js';
import { VipStore } from './vip.store.js';
import {
  LEVEL_QUOTA_JOB,
  VIP_LEVEL_CHANGED,
  VIP_LEVEL_QUOTA_CHANGED,
  VIP_LEVEL_STRATEGY_CHANGED,
  type VipLevelChangedEvent,
  type VipLevelQuotaChangedEvent,
  type VipLevelStrategyChangedEvent,
} from './vip.events.js';

export interface GrantRequest {
  userId: string;
  level: number;
  months: number;
  source: GrantSource;
  /**
   * Order number / card key id / an admin's idempotency key: a second grant with the same
   * (source, reference) returns the first. For admin grants the second request must be the same
   * (member, level, months, reason), else 409 IDEMPOTENCY_KEY_REUSED.
   */
  reference?: string | null;
  reason?: string;
  operator?: Pick<AuthUser, 'id' | 'username'> | null;
  ip?: string | null;
}

@Injectable()
export class VipService {
  private readonly logger = new Logger('Vip');

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: VipStore,
    private readonly clock: Clock,
    private readonly audit: OperationLogService,
    private readonly events: EventEmitter2,
    private readonly users: UsersService,
    private readonly jobs: JobsService,
  ) {}

  async listLevels(): Promise<VipLevel[]> {
    return this.store.levels(this.dataSource.manager);
  }

  async publicLevels(): Promise<VipLevelPublic[]> {
    return (await this.listLevels()).map(toPublicLevel);
  }

  async adminLevels(): Promise<VipLevelAdmin[]> {
    return (await this.listLevels()).map(toAdminLevel);
  }

  /**
   * Admin edit of a level (audited). A changed stock quota also re-allocates the members at that
   * level in a background job, recorded in the same transaction; its id is in the answer (null when
   * the quota did not change, e.g. a repeated request).
   */
  async updateLevel(level: number, dto: UpdateVipLevelDto, operator: AuthUser, ip: string | null): Promise<VipLevelUpdateResult> {
    // The strategies are code (signals' registry, a pure module): no service to ask.
    if (dto.strategyId !== undefined && !isStrategyId(dto.strategyId)) {
      throw AppException.badRequest('STRATEGY_NOT_FOUND', `Unknown strategy ${dto.strategyId}`, [{ field: 'strategyId', errors: [`must be one of ${STRATEGY_IDS.join(', ')}`] }]);
    }
    const { saved, job } = await this.dataSource.transaction(async (m) => {
      const row = await this.store.lockLevel(m, level);
      if (!row) throw AppException.notFound('VIP_LEVEL_NOT_FOUND', `VIP level ${level} does not exist`);
      const before = toAdminLevel(row);
      if (level === 0 && (dto.enabled === false || (dto.priceFen !== undefined && dto.priceFen !== 0))) {
        throw AppException.badRequest('VALIDATION_FAILED', 'Level 0 is always enabled and free', [{ field: dto.enabled === false ? 'enabled' : 'priceFen', errors: ['level 0 is always enabled and free'] }]);
      }
      Object.assign(row, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
      if (row.strategyId !== before.strategyId) {
        // Members keep seeing the strategy they saw until the new one's signals are computed.
        const served = row.servedStrategyId ?? before.strategyId;
        row.servedStrategyId = served === row.strategyId ? null : served;
      }
      const saved = await this.store.saveLevel(m, row);
      const quotaChanged = dto.stockQuota !== undefined && saved.stockQuota !== before.stockQuota;
      // The follow-up job's record commits (or rolls back) with the change; it is queued on the event.
      const change = { level, from: before.stockQuota, to: saved.stockQuota };
      const job: VipLevelQuotaChangedEvent | null = quotaChanged ? { ...change, jobId: (await this.jobs.createIn(m, LEVEL_QUOTA_JOB, change, operator.id)).id } : null;
      await this.audit.record(
        { operator, action: 'vip_level.update', targetType: 'vip_level', targetId: String(level), before, after: { ...toAdminLevel(saved), reallocationJobId: job?.jobId ?? null }, ip },
        m,
      );
      return { saved, job };
    });
    if (job) await this.events.emitAsync(VIP_LEVEL_QUOTA_CHANGED, job);
    let strategyJobId: string | null = null;
    if (saved.servedStrategyId !== null && dto.strategyId !== undefined) {
      const event: VipLevelStrategyChangedEvent = { level, from: saved.servedStrategyId, to: saved.strategyId, operatorId: operator.id };
      const answers = (await this.events.emitAsync(VIP_LEVEL_STRATEGY_CHANGED, event)) as unknown[];
      strategyJobId = answers.find((a): a is string => typeof a === 'string') ?? null;
    }
    return { ...toAdminLevel(saved), reallocationJobId: job?.jobId ?? null, strategyJobId };
  }

  /**
   * The signals job for the level's strategy is done: members now see it. Only when the level still
   * uses that strategy (a later change keeps serving the old one until its own job is done).
   */
  async strategyReady(level: number, strategyId: string): Promise<boolean> {
    return this.store.clearServedStrategy(this.dataSource.manager, level, strategyId);
  }

  /**
   * The one way a subscription changes (admin now; payments and card keys later). The user row
   * lock serialises concurrent grants for one member, so none is lost.
   */
  async grant(req: GrantRequest): Promise<{ grant: VipGrantDto; changed: VipLevelChangedEvent | null }> {
    const result = await this.dataSource.transaction((m) => this.grantIn(m, req)).catch((err: unknown) => {
      // Two first uses of one key for different members at once: the unique index refuses the second.
      if ((err as { driverError?: { code?: string; constraint?: string } }).driverError?.constraint === 'uq_vip_grants_source_ref') throw keyReused();
      throw err;
    });
    if (result.changed) this.emitLevelChanged(result.changed);
    return result;
  }

  /**
   * The same grant inside the caller's transaction (a card-key redeem or a payment fulfilment locks
   * its own row and grants in one transaction). The caller must call `publishLevelChanged(changed)`
   * after its commit — events go out only for committed changes.
   */
  async grantIn(m: EntityManager, req: GrantRequest): Promise<{ grant: VipGrantDto; changed: VipLevelChangedEvent | null }> {
    const result = await (async () => {
      const user = await this.users.lockForUpdate(m, req.userId);
      if (!user) throw AppException.notFound('USER_NOT_FOUND', 'User not found');
      if (user.role !== 'user') throw AppException.badRequest('VIP_INVALID_GRANT', 'Only members have VIP subscriptions', { reason: 'NOT_A_MEMBER' });
      if (req.reference) {
        const existing = await this.store.grantByReference(m, req.source, req.reference);
        if (existing) {
          const same = existing.userId === user.id && existing.level === req.level && existing.months === req.months && existing.reason === (req.reason ?? '');
          if (req.source === 'admin' && !same) throw keyReused();
          return { grant: existing, changed: null };
        }
      }
      const levels = await this.store.levels(m);
      const target = levels.find((l) => l.level === req.level);
      if (target && !target.enabled && req.level !== 0) throw AppException.badRequest('VIP_LEVEL_DISABLED', `VIP level ${req.level} is disabled`);
      const sub = await this.store.subscription(m, user.id);
      const now = this.clock.now();
      const plan = planGrant({
        current: sub ? { level: sub.level, expiresAt: sub.expiresAt } : null,
        levelPrices: new Map(levels.map((l) => [l.level, l.priceFen])),
        grant: { level: req.level, months: req.months },
        now,
      });
      if (plan.kind === 'refused') {
        const status = plan.code === 'VIP_DOWNGRADE_NOT_ALLOWED' ? 409 : 400;
        throw new AppException(plan.code, status, plan.message, { reason: plan.reason });
      }
      const fromLevel = effectiveLevel(sub ? { level: sub.level, expiresAt: sub.expiresAt } : null, now);
      const next = {
        level: plan.level,
        startsAt: plan.kind === 'extend' && sub ? sub.startsAt : plan.startsAt,
        expiresAt: plan.expiresAt,
        notifiedLevel: plan.level,
      };
      // The member row is locked above, so write by what was just read: one statement (save()
      // would SELECT the row again first — a round trip per grant on the card-key redeem path).
      if (sub) await this.store.updateSubscription(m, user.id, next);
      else await this.store.insertSubscription(m, user.id, next);
      const grant = await this.store.insertGrant(m, {
          userId: user.id,
          source: req.source,
          reference: req.reference ?? null,
          level: plan.level,
          months: req.months,
          kind: plan.kind,
          levelBefore: fromLevel,
          expiresBefore: sub?.expiresAt ?? null,
          expiresAfter: plan.expiresAt,
          convertedSeconds: Math.floor(plan.convertedMs / 1000),
          reason: req.reason ?? '',
          operatorId: req.operator?.id ?? null,
      });
      if (req.source === 'admin') {
        await this.audit.record(
          {
            operator: req.operator ?? null,
            action: 'vip.grant',
            targetType: 'user',
            targetId: user.id,
            before: { level: sub?.level ?? 0, expiresAt: sub?.expiresAt ?? null, effectiveLevel: fromLevel },
            after: { level: plan.level, expiresAt: plan.expiresAt, effectiveLevel: plan.level, kind: plan.kind, months: req.months, reason: req.reason },
            ip: req.ip ?? null,
          },
          m,
        );
      }
      return { grant, changed: fromLevel !== plan.level ? { userId: user.id, from: fromLevel, to: plan.level } : null };
    })();
    return { grant: toGrantDto(result.grant), changed: result.changed };
  }

  /**
   * A refund takes back the time an earlier grant gave: a new grant of kind 'revert' (source
   * `payment_refund`, reference = the refund number, so a repeat returns the first), audited, inside
   * the caller's transaction. Rules in domain/revert-rules.ts. `publishLevelChanged` after commit.
   */
  async revertGrantIn(
    m: EntityManager,
    req: { source: GrantSource; reference: string; revertReference: string; reason: string; operator?: Pick<AuthUser, 'id' | 'username'> | null },
  ): Promise<{ grant: VipGrantDto | null; changed: VipLevelChangedEvent | null }> {
    const original = await this.store.grantByReference(m, req.source, req.reference);
    if (!original) return { grant: null, changed: null };
    await this.users.lockForUpdate(m, original.userId);
    const again = await this.store.grantByReference(m, 'payment_refund', req.revertReference);
    if (again) return { grant: toGrantDto(again), changed: null };
    const sub = await this.store.subscription(m, original.userId);
    if (!sub) return { grant: null, changed: null };
    const latest = await this.store.latestGrantOf(m, original.userId);
    const levels = await this.store.levels(m);
    const now = this.clock.now();
    const plan = planRevert({
      grant: original,
      isLatest: latest?.id === original.id,
      current: { level: sub.level, expiresAt: sub.expiresAt },
      levelPrices: new Map(levels.map((l) => [l.level, l.priceFen])),
      now,
    });
    const fromLevel = effectiveLevel(sub, now);
    const expiresBefore = sub.expiresAt;
    sub.level = plan.level;
    sub.expiresAt = plan.expiresAt;
    const toLevel = effectiveLevel(sub, now);
    sub.notifiedLevel = toLevel;
    await this.store.saveSubscription(m, sub);
    const grant = await this.store.insertGrant(m, {
        userId: original.userId,
        source: 'payment_refund',
        reference: req.revertReference,
        level: plan.level,
        months: original.months,
        kind: 'revert',
        levelBefore: fromLevel,
        expiresBefore,
        expiresAfter: plan.expiresAt,
        convertedSeconds: -Math.floor(plan.removedMs / 1000),
        reason: req.reason.slice(0, 200),
        operatorId: req.operator?.id ?? null,
    });
    await this.audit.record(
      {
        operator: req.operator ?? null,
        action: 'vip.revert',
        targetType: 'user',
        targetId: original.userId,
        before: { level: fromLevel, expiresAt: expiresBefore },
        after: { level: toLevel, storedLevel: plan.level, expiresAt: plan.expiresAt, rule: plan.rule, removedSeconds: Math.floor(plan.removedMs / 1000), revertsGrant: original.id, reference: req.revertReference },
      },
      m,
    );
    return { grant: toGrantDto(grant), changed: fromLevel !== toLevel ? { userId: original.userId, from: fromLevel, to: toLevel } : null };
  }

  /** What a grant would do now (member's confirm dialog): kind and the new expiry; refusals as codes. */
  async previewGrant(userId: string, level: number, months: number) {
    const levels = await this.listLevels();
    const sub = await this.store.subscription(this.dataSource.manager, userId);
    const plan = planGrant({
      current: sub ? { level: sub.level, expiresAt: sub.expiresAt } : null,
      levelPrices: new Map(levels.map((l) => [l.level, l.priceFen])),
      grant: { level, months },
      now: this.clock.now(),
    });
    if (plan.kind === 'refused') return { ok: false as const, code: plan.code, reason: plan.reason };
    return { ok: true as const, kind: plan.kind, expiresAt: plan.expiresAt.toISOString(), convertedDays: plan.convertedDays };
  }

  /** After the caller's commit: tell allocation (and others) that a member's level changed. */
  publishLevelChanged(changed: VipLevelChangedEvent | null): void {
    if (changed) this.emitLevelChanged(changed);
  }

  async grantsFor(userId: string, q: ListVipGrantsQueryDto): Promise<Paged<VipGrantDto>> {
    const [rows, total] = await this.store.listGrants(this.dataSource.manager, userId, q.sort, q);
    return paged(rows.map(toGrantDto), total, q);
  }

  /** GET /me/subscription: the stored subscription, or the free level (never an empty answer). */
  async mySubscription(userId: string): Promise<MySubscriptionDto> {
    const sub = await this.subscriptionOf(userId);
    return sub ? { ...sub, free: false } : { level: 0, startsAt: null, expiresAt: null, effectiveLevel: 0, active: false, free: true };
  }

  async subscriptionOf(userId: string, manager: EntityManager = this.dataSource.manager) {
    const sub = await this.store.subscription(manager, userId);
    const now = this.clock.now();
    return sub
      ? { level: sub.level, startsAt: sub.startsAt.toISOString(), expiresAt: sub.expiresAt.toISOString(), effectiveLevel: effectiveLevel(sub, now), active: sub.expiresAt > now }
      : null;
  }

  /**
   * Expiry sweep (scheduled; also safe to run by hand). Read-time checks already treat an expired
   * level as 0; this tells the rest of the system (allocation) once per change.
   */
  async sweepExpired(): Promise<VipLevelChangedEvent[]> {
    const changed = await this.dataSource.transaction(async (m) =>
      (await this.store.markExpiredNotified(m, this.clock.now())).map((r): VipLevelChangedEvent => ({ userId: r.userId, from: r.level, to: 0 })),
    );
    for (const c of changed) this.emitLevelChanged(c);
    if (changed.length) this.logger.log(`expiry sweep: ${changed.length} subscription(s) ended`);
    return changed;
  }

  private emitLevelChanged(e: VipLevelChangedEvent) {
    try {
      this.events.emit(VIP_LEVEL_CHANGED, e);
    } catch (err) {
      this.logger.error(`a ${VIP_LEVEL_CHANGED} listener failed: ${err}`);
    }
  }
}

function keyReused() {
  return AppException.conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different request');
}

export function toPublicLevel(l: VipLevel): VipLevelPublic {
  return { level: l.level, name: l.name, nameEn: l.nameEn, stockQuota: l.stockQuota, priceFen: l.priceFen, enabled: l.enabled, description: l.description, descriptionEn: l.descriptionEn };
}
export function toAdminLevel(l: VipLevel): VipLevelAdmin {
  return { ...toPublicLevel(l), strategyId: l.strategyId, servedStrategyId: l.servedStrategyId ?? null, updatedAt: l.updatedAt.toISOString() };
}
export function toGrantDto(g: VipGrant): VipGrantDto {
  return {
    id: g.id,
    userId: g.userId,
    source: g.source,
    reference: g.reference,
    level: g.level,
    months: g.months,
    kind: g.kind,
    levelBefore: g.levelBefore,
    expiresBefore: g.expiresBefore?.toISOString() ?? null,
    expiresAfter: g.expiresAfter.toISOString(),
    convertedSeconds: g.convertedSeconds,
    reason: g.reason,
    operatorId: g.operatorId,
    createdAt: g.createdAt.toISOString(),
  };
}
