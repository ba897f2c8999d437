import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per trade date with signals: `staging` while its first run computes, `published` from the
 * commit that made its rows visible. The same commit appends the day to the hash chain (seq =
 * position in publication order; chain_hash = sha256(prev_hash \n date \n canonical payload)).
 * A link is written once and never changed.
 */
@Entity('signal_days')
@Index('uq_signal_days_seq', ['seq'], { unique: true, where: `"seq" IS NOT NULL` })
@Check('ck_signal_days_status', `"status" IN ('staging', 'published')`)
@Check('ck_signal_days_chain', `("seq" IS NULL) = ("chain_hash" IS NULL)`)
export class SignalDayRow {
  @PrimaryColumn({ name: 'trade_date', type: 'date' })
  tradeDate: string;

  @Column({ type: 'varchar', length: 16, default: 'staging' })
  status: 'staging' | 'published';

  /** `{ strategyId: version }` covered by the chain link. */
  @Column({ type: 'jsonb' })
  strategies: Record<string, number>;

  /** Rows in the chain link. */
  @Column({ name: 'row_count', type: 'int', default: 0 })
  rowCount: number;

  @Column({ name: 'payload_hash', type: 'char', length: 64, nullable: true })
  payloadHash: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true })
  prevHash: string | null;

  @Column({ name: 'chain_hash', type: 'char', length: 64, nullable: true })
  chainHash: string | null;

  @Column({ type: 'int', nullable: true })
  seq: number | null;

  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
