import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MarketDataService } from '../../market-data/market-data.service.js';
import { DEFAULT_WINDOWS, forwardReturns } from '../domain/evaluation.js';
import { addDays } from '../runs/dates.js';

/** Calendar days before the focus date still scanned for missing forward returns (~40 trading days). */
const FILL_BACK_DAYS = 60;

/**
 * Fills forward returns (1/5/10/20 bars, close to close, forward-adjusted) of published days whose
 * future bars now exist. Only missing values are written; a value once known never changes.
 */
@Injectable()
export class ForwardReturnsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly market: MarketDataService,
  ) {}

  /** Rows from `FILL_BACK_DAYS` before `focus` (default: the latest stored day) up to the latest stored day. */
  async fill(focus?: string): Promise<{ updated: number }> {
    const latest = await this.market.latestTradeDate();
    if (!latest) return { updated: 0 };
    const from = addDays(focus && focus < latest ? focus : latest, -FILL_BACK_DAYS);
    const pending: Array<{ ts_code: string; dates: string[] }> = await this.dataSource.query(
      `SELECT ts_code, array_agg(trade_date::text ORDER BY trade_date) AS dates FROM signal_returns
        WHERE trade_date >= $1 AND trade_date < $2 AND (fwd_1 IS NULL OR fwd_5 IS NULL OR fwd_10 IS NULL OR fwd_20 IS NULL)
        GROUP BY ts_code`,
      [from, latest],
    );
    if (pending.length === 0) return { updated: 0 };
    const wanted = new Map(pending.map((p) => [p.ts_code, p.dates]));
    const start = pending.reduce((min, p) => (p.dates[0]! < min ? p.dates[0]! : min), latest);
    const codes: string[] = [];
    const dates: string[] = [];
    const cols: (number | null)[][] = DEFAULT_WINDOWS.map(() => []);
    for await (const series of this.market.streamBarsFor([...wanted.keys()], start, latest, { adjust: 'qfq' })) {
      const index = new Map(series.tradeDates.map((d, i) => [d, i]));
      for (const date of wanted.get(series.tsCode) ?? []) {
        const i = index.get(date);
        if (i === undefined) continue;
        const fwd = forwardReturns(series.close, i, DEFAULT_WINDOWS);
        if (fwd.every((r) => r === null)) continue;
        codes.push(series.tsCode);
        dates.push(date);
        fwd.forEach((r, w) => cols[w]!.push(r));
      }
    }
    let updated = 0;
    for (let at = 0; at < codes.length; at += 10_000) {
      const end = at + 10_000;
      const res = await this.dataSource.query(
        `UPDATE signal_returns r
            SET fwd_1 = COALESCE(r.fwd_1, u.f1), fwd_5 = COALESCE(r.fwd_5, u.f5), fwd_10 = COALESCE(r.fwd_10, u.f10), fwd_20 = COALESCE(r.fwd_20, u.f20)
           FROM unnest($1::varchar[], $2::date[], $3::float8[], $4::float8[], $5::float8[], $6::float8[]) AS u(code, d, f1, f5, f10, f20)
          WHERE r.ts_code = u.code AND r.trade_date = u.d`,
        [codes.slice(at, end), dates.slice(at, end), ...cols.map((c) => c.slice(at, end))],
      );
      updated += Array.isArray(res) && typeof res[1] === 'number' ? res[1] : 0;
    }
    return { updated };
  }
}
