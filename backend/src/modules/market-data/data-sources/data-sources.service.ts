import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type {
  DataSourceBreakerState,
  DataSourceEntryDto,
  DataSourceStatusDto,
  DataSourceSwitchLogDto,
  Paged,
} from '@zhice/shared';
import { register as defaultRegistry, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppException } from '../../../common/app-exception.js';
import type { AuthUser } from '../../../common/auth.decorators.js';
import { Clock } from '../../../common/clock.js';
import { SortedPageQuery } from '../../../common/list-query.js';
import { paged } from '../../../common/pagination.js';
import { SecretBox } from '../../../common/secret-box.js';
import { APP_CONFIG, type AppConfig } from '../../../config/config.js';
import { OperationLogService } from '../../audit/operation-log.service.js';
import { chinaDateOf } from '../domain/trade-dates.js';
import type { DataSourceSettingRow } from '../entities/data-source-setting.entity.js';
import { DataSourceManager } from '../manager/data-source-manager.js';
import { SWITCH_LOG_SORT } from '../domain/list-sorts.js';
import { MarketDataStore } from '../market-data.store.js';
import type { MarketDataLogger, MarketDataMetricsSink, SwitchLogEntry, SwitchLogSink } from '../manager/data-source-ports.js';
import type { ProviderSettings, ResilienceOverrides } from '../manager/data-source-settings.js';
import { createPrometheusMarketDataMetrics } from '../manager/prometheus-metrics.js';
import { createMarketDataProviders, MARKET_DATA_PROVIDERS } from '../providers/market-data-providers.js';
import { TUSHARE_DEFAULT_BASE_URL } from '../providers/tushare.provider.js';
import { CONNECTION_FIELDS, displayUrl, resolveDataSources, type ResolvedDataSources, type StoredSourceSetting } from './data-source-config.js';

/** Knobs tests (and only tests) turn: shorter backoffs and cooldowns, a sleep that moves the fake clock. */
export interface MarketDataTuning {
  resilience?: ResilienceOverrides;
  sleep?: (ms: number) => Promise<void>;
  providers?: Record<string, Partial<Omit<ProviderSettings, 'enabled'>>>;
}

const BREAKER_RANK: Record<DataSourceBreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/** prom-client refuses a second registration of a name: one sink per registry, shared by every app in the process. */
const metricsByRegistry = new WeakMap<Registry, MarketDataMetricsSink>();
function marketDataMetrics(registry: Registry = defaultRegistry): MarketDataMetricsSink {
  let sink = metricsByRegistry.get(registry);
  if (!sink) {
    sink = createPrometheusMarketDataMetrics(registry);
    metricsByRegistry.set(registry, sink);
  }
  return sink;
}

export { SWITCH_LOG_SORT };

export class ListSwitchLogsQueryDto extends SortedPageQuery(SWITCH_LOG_SORT) {}

/**
 * Owns this process's DataSourceManager: builds it from config + stored settings (env wins), reloads
 * it when an admin changes settings (here or, seen at the next job, on another instance), and serves
 * the admin data-source routes. Breakers and call figures live in memory per process (the sync and
 * the scheduled health checks run in this process's BullMQ worker).
 */
@Injectable()
export class DataSourcesService implements OnModuleInit {
  private readonly logger = new Logger('MarketData');
  private readonly box: SecretBox;
  private current!: DataSourceManager;
  private resolved!: ResolvedDataSources;
  private buildKey = '';
  private storedKey = '';
  private tuning: MarketDataTuning = {};
  private tuningVersion = 0;
  private readonly switchLog: SwitchLogSink;
  private readonly marketLogger: MarketDataLogger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MarketDataStore,
    private readonly clock: Clock,
    private readonly audit: OperationLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.dataSecretKey, 'data-sources');
    this.switchLog = {
      record: (entry: SwitchLogEntry) => this.store.insertSwitchLog(this.dataSource.manager, entry),
    };
    const line = (fields: object, message: string) => `${message} ${safeJson(fields)}`;
    this.marketLogger = {
      info: (fields, message) => this.logger.log(line(fields, message)),
      warn: (fields, message) => this.logger.warn(line(fields, message)),
      error: (fields, message) => this.logger.error(line(fields, message)),
    };
  }

  async onModuleInit(): Promise<void> {
    await this.reload(true);
  }

  /** The live manager (replaced when connection settings change: hold it only for one operation). */
  get manager(): DataSourceManager {
    return this.current;
  }

  get providerNames(): string[] {
    return MARKET_DATA_PROVIDERS.map((p) => p.name);
  }

  /** Whether any enabled provider serves real (non-synthetic) data. */
  hasRealSource(): boolean {
    return this.current.status().some((s) => s.enabled && !s.synthetic);
  }

  /** Picks up settings another instance stored since we last looked (cheap: one small SELECT). */
  async refreshFromStore(): Promise<void> {
    await this.reload(false);
  }

  /** Tests shrink timeouts, backoffs and cooldowns; rebuilds the manager. */
  async applyTuning(tuning: MarketDataTuning): Promise<void> {
    this.tuning = tuning;
    this.tuningVersion += 1;
    await this.reload(true);
  }

  list(): DataSourceEntryDto[] {
    return this.current.status().map((s) => this.toEntry(s));
  }

  async check(name: string): Promise<DataSourceEntryDto> {
    this.assertKnown(name);
    await this.current.healthCheck(name);
    return this.entry(name);
  }

  /** Scheduled health check: every enabled provider. */
  async checkEnabled(): Promise<void> {
    for (const s of this.current.status()) {
      if (s.enabled) await this.current.healthCheck(s.name);
    }
  }

  resetBreakers(name: string): DataSourceEntryDto {
    this.assertKnown(name);
    this.current.resetBreakers(name);
    return this.entry(name);
  }

  async reorder(names: string[], operator: AuthUser, ip: string | null): Promise<DataSourceEntryDto[]> {
    const known = this.providerNames;
    const unique = new Set(names);
    if (unique.size !== names.length || names.length !== known.length || names.some((n) => !known.includes(n))) {
      throw AppException.badRequest('VALIDATION_FAILED', `names must list every data source exactly once: ${known.join(', ')}`, [
        { field: 'names', errors: [`must be a permutation of ${known.join(', ')}`] },
      ]);
    }
    const before = this.resolved.settings.order;
    await this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      for (const [index, name] of names.entries()) await this.store.setPriority(m, name, index + 1, now, operator.id);
      await this.audit.record({ operator, action: 'data_source.reorder', targetType: 'data_source', targetId: null, before: { order: before }, after: { order: names }, ip }, m);
    });
    await this.reload(true);
    return this.list();
  }

  async update(name: string, dto: { enabled?: boolean; token?: string | null; baseUrl?: string | null }, operator: AuthUser, ip: string | null): Promise<DataSourceEntryDto> {
    this.assertKnown(name);
    const fields = CONNECTION_FIELDS[name] ?? { token: false, url: false };
    const problems: Array<{ field: string; errors: string[] }> = [];
    if (dto.token !== undefined && !fields.token) problems.push({ field: 'token', errors: [`${name} takes no token`] });
    if (dto.baseUrl !== undefined && !fields.url) problems.push({ field: 'baseUrl', errors: [`${name} takes no base URL`] });
    if (problems.length) throw AppException.badRequest('VALIDATION_FAILED', 'The request is not valid', problems);

    await this.dataSource.transaction(async (m) => {
      const row = await this.store.lockSetting(m, name);
      const before = this.auditView(name, row);
      const next = row ?? this.store.newSetting(m, name);
      if (dto.enabled !== undefined) next.enabled = dto.enabled;
      if (dto.token !== undefined) next.tokenEnc = dto.token ? this.box.seal(dto.token, `${name}:token`) : null;
      if (dto.baseUrl !== undefined) next.baseUrlEnc = dto.baseUrl ? this.box.seal(dto.baseUrl, `${name}:baseUrl`) : null;
      next.updatedAt = this.clock.now();
      next.updatedBy = operator.id;
      await this.store.saveSetting(m, next);
      await this.audit.record({ operator, action: 'data_source.update', targetType: 'data_source', targetId: name, before, after: this.auditView(name, next), ip }, m);
    });
    await this.reload(true);
    return this.entry(name);
  }

  async switchLogs(q: ListSwitchLogsQueryDto): Promise<Paged<DataSourceSwitchLogDto>> {
    const rows = await this.store.switchLogPage(this.dataSource.manager, q);
    const total = await this.store.countSwitchLogs(this.dataSource.manager);
    return paged(rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })), total, q);
  }

  private entry(name: string): DataSourceEntryDto {
    const status = this.current.status().find((s) => s.name === name);
    if (!status) throw AppException.notFound('DATA_SOURCE_NOT_FOUND', `No data source named ${name}`);
    return this.toEntry(status);
  }

  private assertKnown(name: string): void {
    if (!this.providerNames.includes(name)) throw AppException.notFound('DATA_SOURCE_NOT_FOUND', `No data source named ${name}`);
  }

  private toEntry(s: DataSourceStatusDto): DataSourceEntryDto {
    const check = s.lastCheck;
    const callError = s.lastError ? { at: s.lastError.at, text: `${s.lastError.kind}: ${s.lastError.message}` } : null;
    const checkError = check && !check.ok && check.error ? { at: check.checkedAt, text: check.error } : null;
    const lastError = [callError, checkError].filter((e) => e !== null).sort((a, b) => (a.at < b.at ? 1 : -1))[0] ?? null;
    const breaker = s.breakers.reduce<DataSourceBreakerState>((worst, b) => (BREAKER_RANK[b.state] > BREAKER_RANK[worst] ? b.state : worst), 'closed');
    return {
      name: s.name,
      enabled: s.enabled,
      priority: s.priority,
      state: s.state,
      lastCheckAt: check?.checkedAt ?? null,
      lastError: lastError?.text ?? null,
      lastErrorAt: lastError?.at ?? null,
      calls: s.calls,
      failures: s.failures,
      rateLimited: s.rateLimited,
      p50Ms: s.p50LatencyMs,
      lastSuccessAt: s.lastSuccessAt,
      breaker,
      breakers: s.breakers,
      synthetic: s.synthetic,
      bulkByTradeDate: s.bulkByTradeDate,
      configured: this.resolved.configured[s.name] ?? {
        takesToken: false,
        takesUrl: false,
        tokenSet: false,
        urlSet: false,
        fromEnv: false,
        tokenFromEnv: false,
        urlFromEnv: false,
        urlDisplay: null,
      },
    };
  }

  /** What the operation log keeps: switches and whether a secret is set, never the secret. */
  private auditView(name: string, row: DataSourceSettingRow | null): Record<string, unknown> {
    const url = row?.baseUrlEnc ? this.tryOpen(row.baseUrlEnc, `${name}:baseUrl`) : null;
    return {
      enabled: row?.enabled ?? null,
      token: row?.tokenEnc ? '***' : null,
      baseUrl: url === null ? null : displayUrl(url),
    };
  }

  private async readStored(): Promise<{ rows: StoredSourceSetting[]; key: string }> {
    const rows = await this.store.settings(this.dataSource.manager);
    const key = rows.map((r) => `${r.name}|${r.enabled}|${r.priority}|${r.tokenEnc}|${r.baseUrlEnc}`).join(';');
    return {
      key,
      rows: rows.map((r) => ({
        name: r.name,
        enabled: r.enabled,
        priority: r.priority,
        token: r.tokenEnc ? this.tryOpen(r.tokenEnc, `${r.name}:token`) : null,
        baseUrl: r.baseUrlEnc ? this.tryOpen(r.baseUrlEnc, `${r.name}:baseUrl`) : null,
      })),
    };
  }

  private tryOpen(sealed: string, aad: string): string | null {
    try {
      return this.box.open(sealed, aad);
    } catch {
      this.logger.error(`stored secret ${aad} cannot be decrypted (was DATA_SECRET_KEY changed?); treating it as unset`);
      return null;
    }
  }

  private async reload(force: boolean): Promise<void> {
    const stored = await this.readStored();
    if (!force && stored.key === this.storedKey) return;
    this.storedKey = stored.key;
    this.resolved = resolveDataSources({
      providers: this.providerNames,
      env: {
        tushareToken: this.config.tushareToken,
        tushareBaseUrl: this.config.tushareBaseUrl === TUSHARE_DEFAULT_BASE_URL ? null : this.config.tushareBaseUrl,
        aktoolsUrl: this.config.aktoolsUrl,
        demoProviderEnabled: this.config.demoProviderEnabled,
      },
      stored: stored.rows,
      providerOverrides: this.tuning.providers,
    });
    // Same credentials and timings: keep breakers and figures, apply order and switches only.
    const buildKey = `${JSON.stringify(this.resolved.connection)}|${this.tuningVersion}`;
    if (this.current && buildKey === this.buildKey) {
      this.current.updateSettings(this.resolved.settings);
      return;
    }
    this.buildKey = buildKey;
    const clock = this.clock;
    const providers = createMarketDataProviders({
      ...this.resolved.connection,
      demo: { today: () => chinaDateOf(clock.now()) },
    });
    this.current = new DataSourceManager({
      providers,
      settings: this.resolved.settings,
      now: () => clock.now(),
      logger: this.marketLogger,
      switchLog: this.switchLog,
      metrics: marketDataMetrics(),
      resilience: this.tuning.resilience,
      sleep: this.tuning.sleep,
    });
  }

}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (v instanceof Error ? `${v.name}: ${v.message}` : v));
  } catch {
    return String(value);
  }
}
