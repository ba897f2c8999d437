import { Injectable } from '@nestjs/common';
import type { StrategyDto, StrategyVersionDto } from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../../common/app-exception.js';
import type { AuthUser, RequestMeta } from '../../../common/auth.decorators.js';
import { advisoryXactLock } from '../../../common/sql.js';
import { OperationLogService } from '../../audit/operation-log.service.js';
import { VipService } from '../../vip/vip.service.js';
import type { StrategyVersionRow } from '../entities/strategy-version.entity.js';
import { SignalsStore } from '../signals.store.js';
import { DEFAULT_STRATEGY_ID, getStrategy, isStrategyId, servedStrategyId, STRATEGIES } from '../strategies/registry.js';
import type { StrategyId, StrategyParams } from '../strategies/types.js';

export const STRATEGY_VERSIONS_LOCK = 'signals:strategy-versions';

/** A strategy id with the version and parameters a run uses. */
export interface ActiveStrategy {
  id: StrategyId;
  version: number;
  params: StrategyParams;
}

/**
 * Strategy parameter sets, versioned (strategy_versions), and the strategies in use (those mapped
 * from enabled VIP levels). Version 1 of every strategy is its code defaults, created on first use.
 */
@Injectable()
export class StrategyConfigService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SignalsStore,
    private readonly vip: VipService,
    private readonly audit: OperationLogService,
  ) {}

  /** Version 1 (defaults) for every strategy that has none yet. Idempotent and race-safe. */
  async ensureDefaults(m: EntityManager = this.dataSource.manager): Promise<void> {
    await this.store.insertDefaultVersions(m, STRATEGIES.map((s) => ({ strategyId: s.id, params: s.defaultParams })));
  }

  /** The latest version of each strategy (all of them). */
  async activeVersions(m: EntityManager = this.dataSource.manager): Promise<Map<StrategyId, ActiveStrategy>> {
    let rows = await this.store.latestVersions(m);
    if (rows.length < STRATEGIES.length) {
      await this.ensureDefaults(m);
      rows = await this.store.latestVersions(m);
    }
    const out = new Map<StrategyId, ActiveStrategy>();
    for (const r of rows) if (isStrategyId(r.strategyId)) out.set(r.strategyId, { id: r.strategyId, version: r.version, params: r.params });
    return out;
  }

  /** Distinct strategies mapped from enabled VIP levels (level 0 always counts), in registry order. */
  async strategiesInUse(): Promise<StrategyId[]> {
    const levels = await this.vip.listLevels();
    // A strategy still served while its successor's signals are computed stays in use until then.
    const used = new Set(levels.filter((l) => l.enabled || l.level === 0).flatMap((l) => (l.servedStrategyId ? [l.strategyId, l.servedStrategyId] : [l.strategyId])));
    const ids = STRATEGIES.map((s) => s.id).filter((id) => used.has(id));
    return ids.length ? ids : [DEFAULT_STRATEGY_ID];
  }

  /**
   * The strategy whose signals a VIP level's members see: the level's strategy, or — while a newly
   * chosen one's signals are still being computed — the one it replaced (default `cho` when the
   * level is unknown or its id is not a strategy).
   */
  async strategyForLevel(level: number): Promise<StrategyId> {
    return servedStrategyId((await this.vip.listLevels()).find((l) => l.level === level));
  }

  async version(strategyId: StrategyId, version: number): Promise<StrategyVersionRow | null> {
    return this.store.strategyVersion(this.dataSource.manager, strategyId, version);
  }

  /** GET /admin/strategies */
  async list(): Promise<StrategyDto[]> {
    await this.ensureDefaults();
    const [rows, levels] = await Promise.all([
      this.store.allVersions(this.dataSource.manager),
      this.vip.listLevels(),
    ]);
    return STRATEGIES.map((s) => {
      const history = rows.filter((r) => r.strategyId === s.id).map(toVersionDto);
      return {
        id: s.id,
        description: s.description,
        paramSpecs: s.paramSpecs.map((p) => ({ ...p })),
        defaultParams: s.defaultParams as Record<string, unknown>,
        active: history[0]!,
        history,
        levels: levels.filter((l) => l.strategyId === s.id).map((l) => l.level),
      };
    });
  }

  /**
   * PUT /admin/strategies/:id/params — `params` overrides the defaults (the validator's rules);
   * the resolved set becomes version n+1 unless it equals the active version's parameters.
   */
  async updateParams(id: string, params: Record<string, unknown>, operator: AuthUser, meta: RequestMeta): Promise<StrategyDto> {
    if (!isStrategyId(id)) throw AppException.notFound('STRATEGY_NOT_FOUND', `Unknown strategy ${id}`);
    const strategy = getStrategy(id);
    const errors = strategy.validateParams(params);
    if (errors.length > 0) {
      throw AppException.badRequest('STRATEGY_INVALID_PARAMS', `Invalid parameters for ${id}: ${errors.join('; ')}`, { errors });
    }
    const resolved = JSON.parse(JSON.stringify(strategy.resolveParams(params))) as Record<string, unknown>;
    await this.dataSource.transaction(async (m) => {
      await advisoryXactLock(m, STRATEGY_VERSIONS_LOCK);
      const active = (await this.activeVersions(m)).get(id)!;
      if (sameJson(active.params, resolved)) return;
      await this.store.insertVersion(m, { strategyId: id, version: active.version + 1, params: resolved, note: 'params', createdBy: operator.id });
      await this.audit.record(
        { operator, action: 'strategy.params.update', targetType: 'strategy', targetId: id, before: { version: active.version, params: active.params }, after: { version: active.version + 1, params: resolved }, ip: meta.ip },
        m,
      );
    });
    return (await this.list()).find((s) => s.id === id)!;
  }

  /**
   * A published day would change under the same version (new bars or adjustment factors): the
   * same parameters become a new version, so history is never rewritten. Runs inside the
   * publishing transaction.
   */
  async createDataRevision(m: EntityManager, id: StrategyId, fromVersion: number, tradeDate: string): Promise<number> {
    await advisoryXactLock(m, STRATEGY_VERSIONS_LOCK);
    const latest = (await this.store.latestVersion(m, id))!;
    const source = await this.store.versionParams(m, id, fromVersion);
    const version = latest.version + 1;
    await this.store.insertVersion(m, { strategyId: id, version, params: source ?? latest.params, note: `data revision ${tradeDate} (of v${fromVersion})`, createdBy: null });
    return version;
  }
}

function toVersionDto(r: StrategyVersionRow): StrategyVersionDto {
  return { version: r.version, params: r.params, note: r.note, createdAt: r.createdAt.toISOString(), createdBy: r.createdBy };
}

/** Structural equality of JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
