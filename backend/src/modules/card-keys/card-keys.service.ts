import { Injectable } from '@nestjs/common';
import type { CardKeyItem, CardKeySettings, CardKeyStats, CardVerificationLogEntry, Paged } from '@zhice/shared';
import { DAY_MS, shanghaiMidnight } from '@zhice/shared';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { paged } from '../../common/pagination.js';
import { AgentsService } from '../agents/agents.service.js';
import { OperationLogService } from '../audit/operation-log.service.js';
import { CardBatchesService } from './card-batches.service.js';
import { CardKeysStore, type KeyWithBatch } from './card-keys.store.js';
import { maskCode, normalizeCode } from './domain/card-code.js';
import { csvLine } from './domain/export-format.js';
import type { SearchCardKeysQueryDto, StatsQueryDto, UpdateCardKeySettingsDto, VerificationLogQueryDto } from './dto/card-keys.dto.js';

/** Key search, unbind, stats, the verification log and the admin settings — all scoped to the caller's subtree. */
@Injectable()
export class CardKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CardKeysStore,
    private readonly batches: CardBatchesService,
    private readonly agents: AgentsService,
    private readonly audit: OperationLogService,
    private readonly clock: Clock,
  ) {}

  private async scope(principal: AuthUser): Promise<string[] | null> {
    return principal.role === 'admin' ? null : this.agents.subtreeIds(principal.id);
  }

  async search(principal: AuthUser, q: SearchCardKeysQueryDto): Promise<Paged<CardKeyItem>> {
    let lookup: Buffer | undefined;
    if (q.code !== undefined) {
      const canonical = normalizeCode(q.code);
      if (!canonical) return paged([], 0, q);
      lookup = this.batches.crypto.lookup(canonical);
    }
    const { rows, total } = await this.store.searchKeys(
      this.dataSource.manager,
      { ownerIds: await this.scope(principal), lookup, batchId: q.batchId, status: q.status, projectId: q.projectId, last4: q.last4?.toUpperCase() },
      q,
      q.sort,
    );
    return paged(rows.map(presentKey), total, q);
  }

  /** Clears the device of a used, unexpired project key (validity kept); a cooldown between unbinds. */
  async unbind(principal: AuthUser, code: string, ip: string | null): Promise<{ id: string; expiresAt: string | null; unbindCount: number }> {
    const canonical = normalizeCode(code);
    const key = canonical ? await this.store.keyByLookup(this.dataSource.manager, this.batches.crypto.lookup(canonical)) : null;
    const scope = await this.scope(principal);
    if (!key || (scope && !scope.includes(key.ownerId))) throw AppException.notFound('CARD_KEY_NOT_FOUND', 'Card key not found');
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const k = (await this.store.keyById(m, key.id, { lock: true }))!;
      if (k.kind !== 'project' || k.status !== 'used' || !k.deviceId || (k.expiresAt && k.expiresAt <= now)) {
        throw AppException.conflict('CARD_KEY_NOT_BOUND', 'Only a used, unexpired key bound to a device can be unbound');
      }
      const { unbindCooldownHours } = await this.store.settings(m);
      const cooldownStartsBefore = new Date(now.getTime() - unbindCooldownHours * 3600_000);
      if (k.lastUnbindAt && k.lastUnbindAt > cooldownStartsBefore) {
        const next = new Date(k.lastUnbindAt.getTime() + unbindCooldownHours * 3600_000);
        throw AppException.conflict('CARD_KEY_UNBIND_COOLDOWN', 'This key was unbound recently', { nextUnbindAt: next.toISOString() });
      }
      await this.store.unbind(m, k.id, now, cooldownStartsBefore);
      await this.audit.record({ operator: principal, action: 'card_key.unbind', targetType: 'card_key', targetId: k.id, before: { deviceId: k.deviceId }, after: { deviceId: null, expiresAt: k.expiresAt?.toISOString() ?? null }, ip }, m);
      return { id: k.id, expiresAt: k.expiresAt?.toISOString() ?? null, unbindCount: k.unbindCount + 1 };
    });
  }

  async stats(principal: AuthUser, q: StatsQueryDto): Promise<CardKeyStats> {
    const to = q.to ? shanghaiDayStart(q.to, 1) : new Date(this.clock.now().getTime() + 86_400_000);
    const from = q.from ? shanghaiDayStart(q.from, 0) : new Date(to.getTime() - 31 * 86_400_000);
    if (!(from < to) || to.getTime() - from.getTime() > 366 * 86_400_000) {
      throw AppException.badRequest('VALIDATION_FAILED', 'from must be before to, at most a year apart', [{ field: 'from', errors: ['from < to, ≤ 366 days'] }]);
    }
    const s = await this.store.stats(this.dataSource.manager, await this.scope(principal), from, to);
    return { from: from.toISOString(), to: to.toISOString(), ...s };
  }

  async statsCsv(principal: AuthUser, q: StatsQueryDto, res: Response): Promise<void> {
    const s = await this.stats(principal, q);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="card-key-stats.csv"');
    let out = '\ufeff' + csvLine(['dimension', 'key', 'count', 'used']);
    for (const [dim, rows] of Object.entries({ status: s.byStatus, level: s.byLevel, project: s.byProject, agent: s.byAgent, generated_day: s.generatedByDay, used_day: s.usedByDay })) {
      for (const r of rows) out += csvLine([dim, r.key, r.count, r.used ?? '']);
    }
    res.end(out);
  }

  async verificationLogs(principal: AuthUser, q: VerificationLogQueryDto): Promise<Paged<CardVerificationLogEntry>> {
    const { rows, total } = await this.store.verificationLogs(this.dataSource.manager, { ownerIds: await this.scope(principal), projectId: q.projectId, keyId: q.keyId, result: q.result }, q, q.sort);
    return paged(
      rows.map((r) => ({ id: r.id, at: r.at.toISOString(), projectId: r.projectId, projectName: r.projectName, keyId: r.keyId, maskedCode: r.last4 ? maskCode(r.last4) : null, action: r.action as 'verify' | 'query', deviceId: r.deviceId, ip: r.ip, result: r.result })),
      total,
      q,
    );
  }

  async settings(): Promise<CardKeySettings> {
    return this.store.settings(this.dataSource.manager);
  }

  async updateSettings(dto: UpdateCardKeySettingsDto, operator: AuthUser, ip: string | null): Promise<CardKeySettings> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.store.settings(m);
      await this.store.updateSettings(m, dto);
      const after = await this.store.settings(m);
      await this.audit.record({ operator, action: 'card_settings.update', targetType: 'card_settings', targetId: '1', before, after, ip }, m);
      return after;
    });
  }
}

/** Midnight in Asia/Shanghai of a YYYY-MM-DD (plus `addDays`). */
function shanghaiDayStart(day: string, addDays: number): Date {
  const d = shanghaiMidnight(day);
  if (Number.isNaN(d.getTime())) throw AppException.badRequest('VALIDATION_FAILED', 'Invalid date', [{ field: 'from', errors: ['YYYY-MM-DD'] }]);
  return new Date(d.getTime() + addDays * DAY_MS);
}

function presentKey(r: KeyWithBatch & { ownerName: string | null; projectName: string | null; redeemedByName: string | null }): CardKeyItem {
  return {
    id: r.id,
    batchId: r.batchId,
    maskedCode: maskCode(r.last4),
    status: r.status,
    kind: r.kind,
    level: r.level,
    months: r.months,
    projectId: r.projectId,
    projectName: r.projectName,
    durationDays: r.durationDays,
    ownerName: r.ownerName,
    redeemedByName: r.redeemedByName,
    usedAt: r.usedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    deviceId: r.deviceId,
    lastUnbindAt: r.lastUnbindAt?.toISOString() ?? null,
    unbindCount: r.unbindCount,
  };
}
