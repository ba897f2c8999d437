import { Check, Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Exchange, StockListingStatus } from '@zhice/shared';

/**
 * Stock basics (A-shares), keyed by the Tushare code `600000.SH`. The stock pool reads it to validate
 * imports and to skip suspended / delisted stocks when allocating; the market-data sync fills and
 * updates it (this entity is shared: market-data reuses it rather than defining its own).
 */
@Entity('stocks')
@Index('ix_stocks_status', ['status'])
@Check('ck_stocks_ts_code', `"ts_code" ~ '^[0-9]{6}\\.(SH|SZ|BJ)$'`)
@Check('ck_stocks_exchange', `"exchange" IN ('SH', 'SZ', 'BJ')`)
@Check('ck_stocks_status', `"status" IN ('listed', 'suspended', 'delisted')`)
export class Stock {
  @PrimaryColumn({ name: 'ts_code', type: 'varchar', length: 9 })
  tsCode: string;

  /** Six digits without the exchange. */
  @Column({ type: 'varchar', length: 6 })
  symbol: string;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'varchar', length: 2 })
  exchange: Exchange;

  @Column({ type: 'varchar', length: 32, nullable: true })
  industry: string | null;

  /** `YYYY-MM-DD`; null when the source does not report it. */
  @Column({ name: 'list_date', type: 'date', nullable: true })
  listDate: string | null;

  @Column({ type: 'varchar', length: 16, default: 'listed' })
  status: StockListingStatus;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
