import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createPrometheusMarketDataMetrics } from './prometheus-metrics.js';

describe('createPrometheusMarketDataMetrics', () => {
  it('exposes calls, durations, failovers and provider state on the given registry', async () => {
    const registry = new Registry();
    const metrics = createPrometheusMarketDataMetrics(registry);
    metrics.observeCall({ provider: 'tushare', api: 'daily', operation: 'dailyByTradeDate', outcome: 'success', durationMs: 120 });
    metrics.observeCall({ provider: 'tushare', api: 'daily', operation: 'dailyByTradeDate', outcome: 'permanent', durationMs: 30 });
    metrics.countFailover({ operation: 'dailyByStock', from: 'tushare', to: 'akshare' });
    metrics.setProviderState('tushare', 'degraded');
    const text = await registry.metrics();
    expect(text).toContain('zhice_market_data_calls_total{provider="tushare",api="daily",outcome="permanent"} 1');
    expect(text).toContain('zhice_market_data_call_duration_seconds_count{provider="tushare",api="daily"} 2');
    expect(text).toContain('zhice_market_data_failovers_total{operation="dailyByStock",from="tushare",to="akshare"} 1');
    expect(text).toContain('zhice_market_data_provider_state{provider="tushare"} 1');
  });
});
