import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAktoolsFake, type AktoolsFake } from '../../../../test/fakes/aktools-fake.js';
import { startTushareFake, TUSHARE_FAKE_TOKEN, type TushareFake } from '../../../../test/fakes/tushare-fake.js';
import { DemoMarket } from '../domain/demo-market.js';
import { AkshareProvider } from '../providers/akshare.provider.js';
import { DemoProvider } from '../providers/demo.provider.js';
import type { MarketDataProvider } from '../providers/market-data-provider.js';
import { TushareProvider } from '../providers/tushare.provider.js';
import { DataSourceNotFoundError, MarketDataUnavailableError } from './data-source-errors.js';
import { DataSourceManager } from './data-source-manager.js';
import { InMemorySwitchLog, type CallOutcome, type MarketDataLogger, type SwitchLogSink } from './data-source-ports.js';
import type { DataSourceSettings, ResilienceOverrides } from './data-source-settings.js';

/**
 * The manager against real providers talking HTTP to the protocol fakes on loopback. Time that matters
 * (breaker cooldowns, the fake's rate-limit window, rate-limit waits) runs on a test clock; retry
 * backoff is shrunk to milliseconds.
 */

const market = new DemoMarket();
const DATES = market.tradingDays('2024-06-03', '2024-06-14');
const CODES = ['600519.SH', '000001.SZ', '300750.SZ'];
const PERMANENT_COOLDOWN_MS = 10 * 60_000;

class TestClock {
  ms = Date.parse('2024-12-31T08:00:00Z');
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

interface LogLine {
  level: 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

let tushareFake: TushareFake;
let aktoolsFake: AktoolsFake;
const clock = new TestClock();

beforeAll(async () => {
  [tushareFake, aktoolsFake] = await Promise.all([
    startTushareFake({ lastDate: '2024-12-31', now: () => clock.ms }),
    startAktoolsFake({ lastDate: '2024-12-31' }),
  ]);
});
afterAll(() => Promise.all([tushareFake.close(), aktoolsFake.close()]));
beforeEach(() => {
  tushareFake.resetMode();
  tushareFake.resetCounters();
  aktoolsFake.resetMode();
  aktoolsFake.resetCounters();
});

function settings(overrides: Partial<Record<'tushare' | 'akshare' | 'demo', Partial<DataSourceSettings['providers'][string]>>> = {}, order = ['tushare', 'akshare', 'demo']): DataSourceSettings {
  return {
    order,
    providers: {
      tushare: { enabled: true, rateLimit: null, timeoutMs: 15_000, ...overrides.tushare },
      akshare: { enabled: true, rateLimit: null, timeoutMs: 15_000, ...overrides.akshare },
      demo: { enabled: false, rateLimit: null, ...overrides.demo },
    },
  };
}

function setup(options: { settings?: DataSourceSettings; token?: string; resilience?: ResilienceOverrides; switchLog?: SwitchLogSink } = {}) {
  const switchLog = new InMemorySwitchLog();
  const logs: LogLine[] = [];
  const logger: MarketDataLogger = {
    info: (fields, message) => logs.push({ level: 'info', fields: fields as Record<string, unknown>, message }),
    warn: (fields, message) => logs.push({ level: 'warn', fields: fields as Record<string, unknown>, message }),
    error: (fields, message) => logs.push({ level: 'error', fields: fields as Record<string, unknown>, message }),
  };
  const sleeps: number[] = [];
  const observed: Array<{ provider: string; api: string; outcome: CallOutcome }> = [];
  const failovers: Array<{ from: string; to: string }> = [];
  const providers: MarketDataProvider[] = [
    new TushareProvider({ token: options.token ?? TUSHARE_FAKE_TOKEN, baseUrl: tushareFake.url }),
    new AkshareProvider({ baseUrl: aktoolsFake.url }),
    new DemoProvider({ today: () => '2024-12-31' }),
  ];
  const manager = new DataSourceManager({
    providers,
    settings: options.settings ?? settings(),
    now: clock.now,
    logger,
    switchLog: options.switchLog ?? switchLog,
    metrics: {
      observeCall: ({ provider, api, outcome }) => observed.push({ provider, api, outcome }),
      countFailover: ({ from, to }) => failovers.push({ from, to }),
      setProviderState: () => {},
    },
    resilience: {
      retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 },
      breaker: { apiFailureThreshold: 3, providerFailureThreshold: 5, cooldownMs: 60_000, permanentCooldownMs: PERMANENT_COOLDOWN_MS },
      ...options.resilience,
    },
    // Waiting for a quota window = moving the clock the fake counts its window on.
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
  });
  return { manager, switchLog, logs, sleeps, observed, failovers };
}

const stateOf = (manager: DataSourceManager, name: string) => manager.status().find((status) => status.name === name)!;

describe('DataSourceManager: normal service', () => {
  it('serves from the first provider in order, without switch-log rows', async () => {
    const { manager, switchLog } = setup();
    const result = await manager.call('dailyByTradeDate', { tradeDate: '2024-06-14' });
    expect(result.source).toBe('tushare');
    expect(result.synthetic).toBe(false);
    expect(result.data).toEqual(market.barsForDate('2024-06-14'));
    expect(switchLog.entries).toEqual([]);
    expect(tushareFake.calls).toEqual({ daily: 1 });
  });

  it('rejects malformed requests before calling anyone', async () => {
    const { manager } = setup();
    await expect(manager.call('dailyByStock', { tsCode: '600519', from: '2024-06-01', to: '2024-06-30' })).rejects.toThrow(RangeError);
    await expect(manager.call('tradeCalendar', { from: '20240601', to: '2024-06-30' })).rejects.toThrow(RangeError);
    expect(tushareFake.calls).toEqual({});
  });
});

describe('DataSourceManager: permanent errors', () => {
  it('no permission on tushare daily: falls over to akshare with ONE switch-log row, and tushare:daily is asked only once', async () => {
    const { manager, switchLog, logs } = setup();
    tushareFake.setMode({ noPermission: ['daily'] });

    for (const date of DATES) {
      for (const tsCode of CODES) {
        const result = await manager.call('dailyByStock', { tsCode, from: date, to: date });
        expect(result.source).toBe('akshare');
        expect(result.data.map(({ preClose: _ignored, ...bar }) => bar)).toEqual(
          market.barsForStock(tsCode, date, date).map(({ preClose: _ignored, ...bar }) => bar),
        );
      }
    }

    expect(tushareFake.calls.daily).toBe(1);
    expect(aktoolsFake.calls.stock_zh_a_hist).toBe(DATES.length * CODES.length);
    expect(switchLog.entries).toHaveLength(1);
    expect(switchLog.entries[0]).toMatchObject({
      at: clock.now(),
      from: 'tushare',
      to: 'akshare',
      operation: 'dailyByStock',
      reason: expect.stringContaining('抱歉，您没有接口(daily)访问权限'),
    });
    expect(logs.filter((line) => line.level === 'error')).toHaveLength(1);
    expect(stateOf(manager, 'tushare').state).toBe('degraded');
    expect(stateOf(manager, 'tushare').breakers.find((breaker) => breaker.key === 'tushare:daily')).toMatchObject({ state: 'open' });
  });

  it('the same refused API also stops bulk calls: N dates, one upstream call, demo serves the rest when enabled', async () => {
    const { manager, switchLog } = setup({ settings: settings({ demo: { enabled: true } }) });
    tushareFake.setMode({ noPermission: ['daily'] });

    for (const date of DATES) {
      const result = await manager.call('dailyByTradeDate', { tradeDate: date });
      expect(result).toMatchObject({ source: 'demo', synthetic: true });
    }
    expect(tushareFake.calls.daily).toBe(1);
    // AKShare has no whole-market call, so it is skipped rather than failed.
    expect(aktoolsFake.calls).toEqual({});
    expect(switchLog.entries.map((entry) => [entry.from, entry.to])).toEqual([['tushare', 'demo']]);
  });

  it('without a bulk-capable source left, says so instead of pretending', async () => {
    const { manager } = setup();
    tushareFake.setMode({ noPermission: ['daily'] });
    const first = await manager.call('dailyByTradeDate', { tradeDate: '2024-06-14' }).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(MarketDataUnavailableError);
    expect((first as MarketDataUnavailableError).attempts).toMatchObject([{ provider: 'tushare', api: 'daily', outcome: 'permanent' }]);
    expect((first as MarketDataUnavailableError).skipped).toEqual([
      { provider: 'akshare', why: 'unsupported' },
      { provider: 'demo', why: 'disabled' },
    ]);
    expect(manager.canServe('dailyByTradeDate')).toBe(false);
    expect(manager.canServe('dailyByStock')).toBe(true);
    const second = await manager.call('dailyByTradeDate', { tradeDate: '2024-06-13' }).catch((error: unknown) => error);
    expect((second as MarketDataUnavailableError).attempts).toMatchObject([{ provider: 'tushare', outcome: 'circuit_open' }]);
    expect(tushareFake.calls.daily).toBe(1);
  });

  it('after the cooldown one probe goes back to tushare; success switches back, failure keeps the breaker open', async () => {
    const { manager, switchLog } = setup();
    tushareFake.setMode({ noPermission: ['daily'] });
    await manager.call('dailyByStock', { tsCode: '600519.SH', from: '2024-06-03', to: '2024-06-14' });
    clock.advance(PERMANENT_COOLDOWN_MS - 1);
    expect((await manager.call('dailyByStock', { tsCode: '600519.SH', from: '2024-06-03', to: '2024-06-14' })).source).toBe('akshare');
    expect(tushareFake.calls.daily).toBe(1);

    // Cooldown over, permission still missing: exactly one probe, which fails; no new switch row.
    clock.advance(1);
    expect(stateOf(manager, 'tushare').breakers.find((breaker) => breaker.key === 'tushare:daily')!.state).toBe('half_open');
    expect((await manager.call('dailyByStock', { tsCode: '600519.SH', from: '2024-06-03', to: '2024-06-14' })).source).toBe('akshare');
    expect((await manager.call('dailyByStock', { tsCode: '600519.SH', from: '2024-06-03', to: '2024-06-14' })).source).toBe('akshare');
    expect(tushareFake.calls.daily).toBe(2);
    expect(switchLog.entries).toHaveLength(1);

    // Points upgraded: the next probe succeeds and tushare takes over again.
    tushareFake.setMode({ noPermission: [] });
    clock.advance(PERMANENT_COOLDOWN_MS);
    const back = await manager.call('dailyByStock', { tsCode: '600519.SH', from: '2024-06-03', to: '2024-06-14' });
    expect(back.source).toBe('tushare');
    expect(back.data).toEqual(market.barsForStock('600519.SH', '2024-06-03', '2024-06-14'));
    expect(switchLog.entries.map((entry) => [entry.from, entry.to, entry.reason])).toEqual([
      ['tushare', 'akshare', expect.stringContaining('permanent')],
      ['akshare', 'tushare', 'tushare is available again'],
    ]);
    // Breakers are closed again; two of its last three calls failed, so it still counts as degraded.
    expect(stateOf(manager, 'tushare').breakers.every((breaker) => breaker.state === 'closed')).toBe(true);
    expect(stateOf(manager, 'tushare').state).toBe('degraded');
  });

  it('a bad token (40101) takes the whole provider down: other APIs are skipped without a call', async () => {
    const { manager, switchLog } = setup({ token: 'expired-token' });
    expect((await manager.call('dailyByStock', { tsCode: '600519.SH', from: '2024-06-03', to: '2024-06-14' })).source).toBe('akshare');
    expect((await manager.call('tradeCalendar', { from: '2024-06-01', to: '2024-06-30' })).source).toBe('akshare');
    expect((await manager.call('stockBasics', {})).source).toBe('akshare');
    expect(tushareFake.calls).toEqual({ daily: 1 });
    expect(stateOf(manager, 'tushare').state).toBe('down');
    expect(stateOf(manager, 'tushare').lastError).toMatchObject({ kind: 'permanent', message: expect.stringContaining('40101') });
    expect(switchLog.entries.map((entry) => entry.operation)).toEqual(['dailyByStock', 'tradeCalendar', 'stockBasics']);
  });
});

describe('DataSourceManager: rate limits', () => {
  it('waits for the quota window and retries the same provider instead of failing over', async () => {
    const { manager, switchLog, sleeps } = setup();
    tushareFake.setMode({ rateLimitPerMinute: 2 });
    const sources: string[] = [];
    for (const date of DATES.slice(0, 3)) sources.push((await manager.call('dailyByTradeDate', { tradeDate: date })).source);

    expect(sources).toEqual(['tushare', 'tushare', 'tushare']);
    expect(sleeps).toEqual([60_000]);
    expect(tushareFake.calls.daily).toBe(4);
    expect(switchLog.entries).toEqual([]);
    expect(stateOf(manager, 'tushare')).toMatchObject({ state: 'healthy', rateLimited: 1, failures: 0 });
  });

  it('gives up on the provider when the window keeps refusing, and stays away until it resets', async () => {
    const { manager, sleeps, switchLog } = setup({ resilience: { rateLimitWait: { maxWaits: 1, maxWaitMs: 65_000 } } });
    tushareFake.setMode({ rateLimitPerMinute: 0 });
    const result = await manager.call('dailyByStock', { tsCode: '600519.SH', from: '2024-06-03', to: '2024-06-14' });
    expect(result.source).toBe('akshare');
    expect(sleeps).toEqual([60_000]);
    expect(tushareFake.calls.daily).toBe(2);
    expect(switchLog.entries[0]!.reason).toContain('rate_limited');
    await manager.call('dailyByStock', { tsCode: '600519.SH', from: '2024-06-03', to: '2024-06-14' });
    expect(tushareFake.calls.daily).toBe(2);
  });

  it('paces calls with a local token bucket', async () => {
    const { manager } = setup({
      settings: settings({ tushare: { enabled: false }, akshare: { enabled: false }, demo: { enabled: true, rateLimit: { maxCalls: 4, intervalMs: 400 } } }),
    });
    const started = performance.now();
    for (let i = 0; i < 3; i++) await manager.call('tradeCalendar', { from: '2024-06-01', to: '2024-06-07' });
    // Burst of 1, then 3 tokens per 400 ms: the 2nd and 3rd calls wait ~133 ms each.
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });
});

describe('DataSourceManager: transient and malformed failures', () => {
  it('retries a flaky connection and succeeds on the same provider', async () => {
    const { manager, switchLog, observed } = setup();
    tushareFake.setMode({ resetConnection: true, faultLimit: 2 });
    const result = await manager.call('dailyByTradeDate', { tradeDate: '2024-06-14' });
    expect(result.source).toBe('tushare');
    expect(tushareFake.calls.daily).toBe(3);
    expect(observed.map((sample) => sample.outcome)).toEqual(['transient', 'transient', 'success']);
    expect(switchLog.entries).toEqual([]);
  });

  it('a timeout is transient: retried, then falls over to the next provider', async () => {
    const { manager, switchLog } = setup({ settings: settings({ tushare: { timeoutMs: 100 } }) });
    tushareFake.setMode({ delayMs: 400 });
    const result = await manager.call('dailyByStock', { tsCode: '000001.SZ', from: '2024-06-03', to: '2024-06-14' });
    expect(result.source).toBe('akshare');
    expect(tushareFake.calls.daily).toBe(3);
    expect(switchLog.entries).toHaveLength(1);
    expect(switchLog.entries[0]!.reason).toMatch(/tushare:daily transient — daily: timed out/);
    expect(stateOf(manager, 'tushare').lastError).toMatchObject({ kind: 'transient' });
  });

  it('repeated transient failures open the API breaker after the threshold', async () => {
    const { manager } = setup();
    tushareFake.setMode({ http500: ['daily'] });
    for (let i = 0; i < 5; i++) await manager.call('dailyByStock', { tsCode: '000001.SZ', from: '2024-06-03', to: '2024-06-14' });
    // Three calls × three attempts, then the breaker holds.
    expect(tushareFake.calls.daily).toBe(9);
    expect(stateOf(manager, 'tushare').breakers.find((breaker) => breaker.key === 'tushare:daily')!.state).toBe('open');
  });

  it('a garbage payload is not retried: falls over and is logged with a sample', async () => {
    const { manager, switchLog, logs } = setup();
    tushareFake.setMode({ malformedJson: true });
    const result = await manager.call('dailyByStock', { tsCode: '000001.SZ', from: '2024-06-03', to: '2024-06-14' });
    expect(result.source).toBe('akshare');
    expect(tushareFake.calls.daily).toBe(1);
    expect(switchLog.entries[0]!.reason).toContain('malformed');
    const line = logs.find((entry) => entry.fields.kind === 'malformed')!;
    expect(line.level).toBe('warn');
    expect(line.fields.sample).toContain('"fields"');
  });

  it('when every source fails the caller gets every reason', async () => {
    const { manager } = setup();
    tushareFake.setMode({ noPermission: ['daily'] });
    aktoolsFake.setMode({ http500: true });
    const error = await manager.call('dailyByStock', { tsCode: '000001.SZ', from: '2024-06-03', to: '2024-06-14' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MarketDataUnavailableError);
    expect((error as MarketDataUnavailableError).code).toBe('MARKET_DATA_UNAVAILABLE');
    expect((error as MarketDataUnavailableError).attempts.map((attempt) => `${attempt.provider}:${attempt.outcome}`)).toEqual([
      'tushare:permanent',
      'akshare:transient',
    ]);
  });
});

describe('DataSourceManager: settings, health and status', () => {
  it('follows the admin order and enable switches', async () => {
    const { manager, switchLog } = setup();
    expect((await manager.call('tradeCalendar', { from: '2024-06-01', to: '2024-06-30' })).source).toBe('tushare');
    manager.updateSettings(settings({}, ['akshare', 'tushare', 'demo']));
    expect((await manager.call('tradeCalendar', { from: '2024-06-01', to: '2024-06-30' })).source).toBe('akshare');
    manager.updateSettings(settings({ akshare: { enabled: false }, tushare: { enabled: false }, demo: { enabled: true } }));
    expect((await manager.call('tradeCalendar', { from: '2024-06-01', to: '2024-06-30' })).source).toBe('demo');
    expect(switchLog.entries.map((entry) => [entry.from, entry.to, entry.reason])).toEqual([
      ['tushare', 'akshare', 'data source order changed'],
      ['akshare', 'demo', 'akshare was disabled'],
    ]);
    expect(stateOf(manager, 'tushare').state).toBe('disabled');
    expect(manager.status().map((status) => [status.name, status.priority])).toEqual([
      ['tushare', 1],
      ['akshare', 2],
      ['demo', 3],
    ]);
  });

  it('reports calls, failures, p50 latency, last error and breakers per provider', async () => {
    const { manager } = setup();
    await manager.call('dailyByTradeDate', { tradeDate: '2024-06-14' });
    await manager.call('tradeCalendar', { from: '2024-06-01', to: '2024-06-30' });
    tushareFake.setMode({ noPermission: ['adj_factor'] });
    await manager.call('adjFactorByTradeDate', { tradeDate: '2024-06-14' }).catch(() => undefined);
    const tushare = stateOf(manager, 'tushare');
    expect(tushare).toMatchObject({ enabled: true, synthetic: false, bulkByTradeDate: true, calls: 3, failures: 1, state: 'degraded' });
    expect(tushare.p50LatencyMs).toBeGreaterThan(0);
    expect(tushare.lastSuccessAt).toBe(clock.now().toISOString());
    expect(tushare.lastError).toMatchObject({ api: 'adj_factor', kind: 'permanent' });
    expect(tushare.breakers).toContainEqual(
      expect.objectContaining({ key: 'tushare:adj_factor', api: 'adj_factor', state: 'open', retryAt: new Date(clock.ms + PERMANENT_COOLDOWN_MS).toISOString() }),
    );
    expect(stateOf(manager, 'demo')).toMatchObject({ state: 'disabled', synthetic: true, calls: 0, p50LatencyMs: null });
  });

  it('health checks on demand: down while AKTools is blocked, healthy once it answers', async () => {
    const { manager } = setup();
    aktoolsFake.setMode({ http500: true });
    const failed = await manager.healthCheck('akshare');
    expect(failed).toMatchObject({ name: 'akshare', ok: false, state: 'down', error: expect.stringContaining('transient') });
    aktoolsFake.resetMode();
    clock.advance(1_000);
    const passed = await manager.healthCheck('akshare');
    expect(passed).toMatchObject({ ok: true, state: 'healthy', error: null });
    expect(stateOf(manager, 'akshare').lastCheck).toMatchObject({ ok: true, checkedAt: clock.now().toISOString() });
    await expect(manager.healthCheck('nope')).rejects.toBeInstanceOf(DataSourceNotFoundError);
  });

  it('a health check that hits a bad token opens the provider breaker; a good one closes it', async () => {
    const { manager } = setup();
    tushareFake.setMode({ revokeTokens: true });
    expect(await manager.healthCheck('tushare')).toMatchObject({ ok: false, state: 'down' });
    expect((await manager.call('tradeCalendar', { from: '2024-06-01', to: '2024-06-30' })).source).toBe('akshare');
    tushareFake.resetMode();
    expect(await manager.healthCheck('tushare')).toMatchObject({ ok: true, state: 'healthy' });
    expect((await manager.call('tradeCalendar', { from: '2024-06-01', to: '2024-06-30' })).source).toBe('tushare');
  });

  it('admin reset closes breakers at once', async () => {
    const { manager } = setup();
    tushareFake.setMode({ noPermission: ['daily'] });
    await manager.call('dailyByStock', { tsCode: '600519.SH', from: '2024-06-03', to: '2024-06-14' });
    tushareFake.resetMode();
    manager.resetBreakers('tushare');
    expect((await manager.call('dailyByStock', { tsCode: '600519.SH', from: '2024-06-03', to: '2024-06-14' })).source).toBe('tushare');
  });

  it('a failing switch-log sink is logged and never fails the call', async () => {
    const { manager, logs, failovers } = setup({ switchLog: { record: () => Promise.reject(new Error('db down')) } });
    tushareFake.setMode({ noPermission: ['daily'] });
    const result = await manager.call('dailyByStock', { tsCode: '600519.SH', from: '2024-06-03', to: '2024-06-14' });
    expect(result.source).toBe('akshare');
    expect(failovers).toEqual([{ from: 'tushare', to: 'akshare' }]);
    expect(logs.some((line) => line.level === 'error' && line.message.includes('switch log'))).toBe(true);
  });
});

describe('DataSourceManager: late data (issue 11 item 3)', () => {
  let late: TushareFake;
  beforeAll(async () => {
    late = await startTushareFake({ lastDate: '2024-06-12', now: () => clock.ms });
  });
  afterAll(() => late.close());
  const lateManager = (switchLog: InMemorySwitchLog) =>
    new DataSourceManager({
      providers: [new TushareProvider({ token: TUSHARE_FAKE_TOKEN, baseUrl: late.url }), new AkshareProvider({ baseUrl: aktoolsFake.url })],
      settings: settings(),
      now: clock.now,
      switchLog,
      resilience: { retry: { maxRetries: 0, initialDelayMs: 1, maxDelayMs: 1 } },
    });

  it('the primary answers but its last bar is older than expected: the next provider serves, and the switch is logged', async () => {
    const switchLog = new InMemorySwitchLog();
    const manager = lateManager(switchLog);
    const r = await manager.call('dailyByStock', { tsCode: '600519.SH', from: '2024-06-10', to: '2024-06-14' }, { expectLatest: '2024-06-14' });
    expect(r.source).toBe('akshare');
    expect(r.stale).toBeUndefined();
    expect(r.data.at(-1)!.tradeDate).toBe('2024-06-14');
    expect(late.calls.daily).toBe(1);
    expect(switchLog.entries).toHaveLength(1);
    expect(switchLog.entries[0]).toMatchObject({ from: 'tushare', to: 'akshare', operation: 'dailyByStock' });
    expect(switchLog.entries[0]!.reason).toMatch(/tushare:daily stale — last bar 2024-06-12, expected 2024-06-14/);
  });

  it('without an expected date, or when nobody is fresher, the answer is kept (marked stale when late)', async () => {
    const manager = lateManager(new InMemorySwitchLog());
    expect((await manager.call('dailyByStock', { tsCode: '600519.SH', from: '2024-06-10', to: '2024-06-14' })).source).toBe('tushare');
    const none = await manager.call('dailyByTradeDate', { tradeDate: '2024-06-14' }, { expectLatest: '2024-06-14' });
    expect(none).toMatchObject({ source: 'tushare', stale: true, data: [] });
  });
});
