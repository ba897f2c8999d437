import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Adjustment factor per (stock, trade date); qfq price = price × factor / factor on the last bar. */
@Entity('adj_factors')
export class AdjFactorRow {
  @PrimaryColumn({ name: 'ts_code', type: 'varchar', length: 9 })
  tsCode: string;

  @PrimaryColumn({ name: 'trade_date', type: 'date' })
  tradeDate: string;

  @Column({ type: 'double precision' })
  factor: number;

  @Column({ type: 'varchar', length: 16 })
  source: string;
}
