import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SignalActionName } from '@zhice/shared';

/**
 * An issued signal: one row per (trade date, stock, strategy, version). Rows of a day whose
 * `signal_days` row is not yet published are the run's work in progress and are never shown;
 * once published a row is never updated (a changed result is a new version).
 *
 * Numbers are stored as computed after rounding for the hash chain (score 6 decimals, close 4,
 * every number inside reasons 6), so the canonical payload recomputed from the rows is exact.
 */
@Entity('signals')
@Index('ix_signals_member', ['strategyId', 'tsCode', 'tradeDate'])
@Check('ck_signals_action', `"action" IN ('BUY', 'SELL', 'HOLD')`)
@Check('ck_signals_score', `"score" >= -1 AND "score" <= 1`)
export class SignalRow {
  @PrimaryColumn({ name: 'trade_date', type: 'date' })
  tradeDate: string;

  @PrimaryColumn({ name: 'ts_code', type: 'varchar', length: 9 })
  tsCode: string;

  @PrimaryColumn({ name: 'strategy_id', type: 'varchar', length: 32 })
  strategyId: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 4 })
  action: SignalActionName;

  @Column({ type: 'double precision' })
  score: number;

  /** Forward-adjusted close on the trade date (= the traded close: qfq is anchored on the last bar). */
  @Column({ type: 'double precision' })
  close: number;

  @Column({ type: 'jsonb' })
  reasons: Record<string, unknown>;

  /** Covered by the day's hash-chain link (false: added to an already chained day later). */
  @Column({ name: 'in_chain', type: 'boolean', default: false })
  inChain: boolean;

  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId: string | null;
}
