import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MarketDataService } from '../../market-data/market-data.service.js';
import { DEFAULT_WINDOWS, forwardReturns } from '../domain/evaluation.js';
import { addDays } from '../runs/dates.js';
import { SignalsStore } from '../signals.store.js';

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
    private readonly store: SignalsStore,
    private readonly market: MarketDataService,
  ) {}

  /** Rows from `FILL_BACK_DAYS` before `focus` (default: the latest stored day) up to the latest stored day. */
  async fill(focus?: string): Promise<{ updated: number }> {
    const latest = await this.market.latestTradeDate();
    if (!latest) return { updated: 0 };
    const from = addDays(focus && focus < latest ? focus : latest, -FILL_BACK_DAYS);
    const pending = await this.store.pendingForwardReturns(this.dataSource.manager, from, latest);
    if (pending.length === 0) return { updated: 0 };
    const wanted = new Map(pending.map((p) => [p.tsCode, p.dates]));
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
      updated += await this.store.fillForwardReturns(this.dataSource.manager, { codes: codes.slice(at, end), dates: dates.slice(at, end), returns: cols.map((c) => c.slice(at, end)) });
    }
    return { updated };
  }
}
