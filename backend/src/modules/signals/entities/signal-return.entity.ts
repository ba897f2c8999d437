import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The universe a published day was computed over (active pool + held stocks), one row per stock,
 * with forward returns filled in as later bars arrive: close-to-close over the next 1/5/10/20 bars
 * of forward-adjusted prices (fractions). The signals' returns and the random baseline's pool.
 */
@Entity('signal_returns')
export class SignalReturnRow {
  @PrimaryColumn({ name: 'trade_date', type: 'date' })
  tradeDate: string;

  @PrimaryColumn({ name: 'ts_code', type: 'varchar', length: 9 })
  tsCode: string;

  @Column({ name: 'fwd_1', type: 'double precision', nullable: true })
  fwd1: number | null;

  @Column({ name: 'fwd_5', type: 'double precision', nullable: true })
  fwd5: number | null;

  @Column({ name: 'fwd_10', type: 'double precision', nullable: true })
  fwd10: number | null;

  @Column({ name: 'fwd_20', type: 'double precision', nullable: true })
  fwd20: number | null;
}
