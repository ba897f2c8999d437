import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One unadjusted daily bar per (stock, trade date), in normalised units: prices in CNY, volume in
 * shares, amount in yuan. Forward-adjusted series are computed on read from `adj_factors`.
 *
 * Number types (decision): prices, amount and factors are `double precision`, not `numeric`.
 * Every value arrives as a JS number (a double) from the providers, so `numeric` would add no
 * precision, while PostgreSQL's float8 output is shortest-round-trip (PG ≥ 12): what goes in comes
 * back bit-identical, and `pg` hands float8 to JS as a number with no string parsing — which matters
 * when the signals job reads 5,000 stocks × 300 bars. Volume is a `bigint` (shares; whole numbers);
 * readers cast it to float8 in SQL to get numbers. No foreign key to `stocks`: bars may arrive for a
 * code before its basics do, and an FK check per row would slow the 5,000-row daily upsert.
 */
@Entity('daily_bars')
@Index('ix_daily_bars_trade_date', ['tradeDate'])
export class DailyBarRow {
  @PrimaryColumn({ name: 'ts_code', type: 'varchar', length: 9 })
  tsCode: string;

  /** `YYYY-MM-DD` */
  @PrimaryColumn({ name: 'trade_date', type: 'date' })
  tradeDate: string;

  @Column({ type: 'double precision' })
  open: number;

  @Column({ type: 'double precision' })
  high: number;

  @Column({ type: 'double precision' })
  low: number;

  @Column({ type: 'double precision' })
  close: number;

  /** Ex-rights previous close (Tushare `pre_close`); null when the source has none (AKShare). */
  @Column({ name: 'pre_close', type: 'double precision', nullable: true })
  preClose: number | null;

  /** Shares (pg returns bigint as a string). */
  @Column({ type: 'bigint' })
  volume: string;

  /** Yuan. */
  @Column({ type: 'double precision' })
  amount: number;

  /** Provider that served the row (`demo` rows are synthetic and labelled as such). */
  @Column({ type: 'varchar', length: 16 })
  source: string;
}
