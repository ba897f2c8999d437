import { randomBars } from '../fixtures/signals/synthetic-bars.js';
import type { TestApp } from '../setup/test-app.js';

/** `n` weekdays ending on `last` (inclusive), ascending, UTC arithmetic. */
export function weekdaysEndingOn(last: string, n: number): string[] {
  const out: string[] = [];
  let t = Date.parse(`${last}T00:00:00Z`);
  while (out.length < n) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
    t -= 86_400_000;
  }
  return out.reverse();
}

/**
 * Bars for `codes` over the weekdays ending on `last` (seeded random walks), a factor of 1 on every
 * bar, and the calendar (weekdays open) from the first bar to the end of next month.
 */
export async function seedBars(t: TestApp, codes: readonly string[], last: string, n: number, opts: { source?: string } = {}): Promise<string[]> {
  const dates = weekdaysEndingOn(last, n);
  const source = opts.source ?? 'tushare';
  for (const code of codes) {
    const bars = randomBars(`signals-it|${code}`, n, { start: dates[0] });
    await t.db.query(
      `INSERT INTO daily_bars (ts_code, trade_date, open, high, low, close, pre_close, volume, amount, source)
       SELECT $1, d, o, h, l, c, NULL, v, v * c, $8 FROM unnest($2::date[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::bigint[]) AS t(d, o, h, l, c, v)
       ON CONFLICT DO NOTHING`,
      [code, dates, bars.map((b) => b.open), bars.map((b) => b.high), bars.map((b) => b.low), bars.map((b) => b.close), bars.map((b) => b.volume), source],
    );
    await t.db.query(
      `INSERT INTO adj_factors (ts_code, trade_date, factor, source) SELECT $1, d, 1, $3 FROM unnest($2::date[]) AS t(d) ON CONFLICT DO NOTHING`,
      [code, dates, source],
    );
  }
  const end = new Date(Date.parse(`${last}T00:00:00Z`) + 45 * 86_400_000).toISOString().slice(0, 10);
  await t.db.query(
    `INSERT INTO trade_calendar (cal_date, is_open, source, updated_at)
     SELECT d::date, extract(isodow FROM d) < 6, 'test', now() FROM generate_series($1::date, $2::date, interval '1 day') AS g(d)
     ON CONFLICT DO NOTHING`,
    [dates[0], end],
  );
  return dates;
}
