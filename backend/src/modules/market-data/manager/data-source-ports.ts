import type { DataSourceFailureKind, DataSourceState } from '@zhice/shared';
import type { MarketDataOperation } from '../providers/market-data-provider.js';

/** What the DataSourceManager needs from the outside world; the Nest module supplies real ones. */

/** The pino call shape (`logger.warn({ ... }, 'message')`), so a pino logger can be passed as is. */
export interface MarketDataLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface SwitchLogEntry {
  at: Date;
  from: string;
  to: string;
  /** Why the previous source was left, e.g. `tushare:daily permanent — 抱歉，您没有接口(daily)访问权限…`. */
  reason: string;
  operation: MarketDataOperation;
}

/** Persists the switch log (a table in production). A failing sink is logged, never fails the call. */
export interface SwitchLogSink {
  record(entry: SwitchLogEntry): Promise<void>;
}

export type CallOutcome = 'success' | DataSourceFailureKind;

export interface MarketDataMetricsSink {
  /** One upstream attempt (a retry is another attempt). */
  observeCall(sample: { provider: string; api: string; operation: MarketDataOperation; outcome: CallOutcome; durationMs: number }): void;
  countFailover(event: { operation: MarketDataOperation; from: string; to: string }): void;
  setProviderState(provider: string, state: DataSourceState): void;
}

export const SILENT_LOGGER: MarketDataLogger = {
  info: () => {},
  warn: () => {},
  error: () => {},
};

export const NOOP_METRICS: MarketDataMetricsSink = {
  observeCall: () => {},
  countFailover: () => {},
  setProviderState: () => {},
};

/** Keeps the log in memory: the default until the lead wires a table, and handy in tests. */
export class InMemorySwitchLog implements SwitchLogSink {
  readonly entries: SwitchLogEntry[] = [];

  async record(entry: SwitchLogEntry): Promise<void> {
    this.entries.push(entry);
  }
}
