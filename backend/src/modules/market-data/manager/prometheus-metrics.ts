import type { DataSourceState } from '@zhice/shared';
import { Counter, Gauge, Histogram, register as defaultRegistry, type Registry } from 'prom-client';
import type { MarketDataMetricsSink } from './data-source-ports.js';

const STATE_VALUES: Record<DataSourceState, number> = { healthy: 0, degraded: 1, down: 2, disabled: 3 };

/**
 * Prometheus series for the data-source manager, on the app's registry (served at /metrics).
 * Labels are bounded: a handful of providers, APIs, operations and outcomes.
 */
export function createPrometheusMarketDataMetrics(registry: Registry = defaultRegistry): MarketDataMetricsSink {
  const registers = [registry];
  const calls = new Counter({
    name: 'zhice_market_data_calls_total',
    help: 'Upstream market-data attempts by provider, API and outcome',
    labelNames: ['provider', 'api', 'outcome'],
    registers,
  });
  const duration = new Histogram({
    name: 'zhice_market_data_call_duration_seconds',
    help: 'Upstream market-data attempt duration',
    labelNames: ['provider', 'api'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const failovers = new Counter({
    name: 'zhice_market_data_failovers_total',
    help: 'Changes of the provider serving an operation',
    labelNames: ['operation', 'from', 'to'],
    registers,
  });
  const state = new Gauge({
    name: 'zhice_market_data_provider_state',
    help: 'Provider state: 0 healthy, 1 degraded, 2 down, 3 disabled',
    labelNames: ['provider'],
    registers,
  });
  return {
    observeCall: ({ provider, api, outcome, durationMs }) => {
      calls.inc({ provider, api, outcome });
      duration.observe({ provider, api }, durationMs / 1000);
    },
    countFailover: ({ operation, from, to }) => failovers.inc({ operation, from, to }),
    setProviderState: (provider, value) => state.set({ provider }, STATE_VALUES[value]),
  };
}
