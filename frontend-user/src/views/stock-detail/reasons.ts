import type { SignalDto } from '@zhice/shared';

export interface RuleText {
  /** i18n key under `stockDetail.rules.` */
  key: string;
  params?: Record<string, string | number>;
}

export interface ValueRow {
  key: string;
  value: number | null;
  prev: number | null;
  /** value − prev when both exist */
  change: number | null;
}

const KNOWN_RULES = new Set([
  'cho_rising',
  'cho_falling',
  'golden_cross',
  'death_cross',
  'macd_golden_cross',
  'macd_death_cross',
  'rsi_below_low',
  'rsi_above_high',
  'close_above_upper',
  'close_below_lower',
  'up_on_heavy_volume',
  'down_on_heavy_volume',
  'score_above_buy',
  'score_below_sell',
]);

/**
 * A signal's reasons as things people read: the rules that fired (a composite's `<id>:BUY` becomes
 * "component <id> said BUY"), and the indicator values with the previous day's and the change.
 * A quiet HOLD gets the `hold` rule. Pure, unit-tested; the view translates the keys.
 */
export function describeReasons(signal: Pick<SignalDto, 'action' | 'reasons'>): { rules: RuleText[]; values: ValueRow[] } {
  const rules: RuleText[] = signal.reasons.rulesFired.map((r): RuleText => {
    const component = /^([a-z_]+):(BUY|SELL)$/.exec(r);
    if (component) return { key: 'component', params: { strategy: component[1]!, action: component[2]! } };
    return KNOWN_RULES.has(r) ? { key: r } : { key: 'unknown', params: { rule: r } };
  });
  if (rules.length === 0) rules.push({ key: signal.action === 'HOLD' ? 'hold' : 'none' });
  const values: ValueRow[] = Object.keys(signal.reasons.values).map((key) => {
    const value = signal.reasons.values[key] ?? null;
    const prev = signal.reasons.prev[key] ?? null;
    return { key, value, prev, change: value !== null && prev !== null ? value - prev : null };
  });
  return { rules, values };
}

/** Compact number for indicator values (large volumes / MID get 万 / 亿 or K / M / B). */
export function formatIndicator(x: number | null, locale: 'zh-CN' | 'en'): string {
  if (x === null || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (locale === 'zh-CN') {
    if (a >= 1e8) return `${(x / 1e8).toFixed(2)}亿`;
    if (a >= 1e4) return `${(x / 1e4).toFixed(2)}万`;
  } else {
    if (a >= 1e9) return `${(x / 1e9).toFixed(2)}B`;
    if (a >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
    if (a >= 1e4) return `${(x / 1e3).toFixed(1)}K`;
  }
  return a >= 100 ? x.toFixed(2) : x.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}
