import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the sync has stored for one trade date, so an incremental sync skips complete dates.
 * `scope = market`: the whole market came in one call by trade date (complete once bars and factors
 * are in). `scope = stocks`: only the pool / held stocks came per stock (a fallback source that cannot
 * serve a whole day); such a date stays incomplete so a later sync fetches the whole market.
 */
@Entity('market_sync_dates')
@Check('ck_market_sync_dates_scope', `"scope" IN ('market', 'stocks')`)
export class TradeDateSyncRow {
  @PrimaryColumn({ name: 'trade_date', type: 'date' })
  tradeDate: string;

  @Column({ type: 'varchar', length: 8 })
  scope: 'market' | 'stocks';

  @Column({ name: 'bars_complete', type: 'boolean', default: false })
  barsComplete: boolean;

  @Column({ name: 'factors_complete', type: 'boolean', default: false })
  factorsComplete: boolean;

  /** Provider of the bars (`demo` = synthetic). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  source: string | null;

  @Column({ name: 'factor_source', type: 'varchar', length: 16, nullable: true })
  factorSource: string | null;

  /** Bars stored for the date by the last sync of it. */
  @Column({ type: 'int', default: 0 })
  rows: number;

  /** Rows refused by the quality check (never stored). */
  @Column({ type: 'int', default: 0 })
  rejected: number;

  @Column({ name: 'synced_at', type: 'timestamptz' })
  syncedAt: Date;
}
