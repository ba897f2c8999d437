import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SignalActionName } from '@zhice/shared';

/**
 * Rows a run computed for a day that is already published (a re-run): kept apart until the run
 * publishes, then compared with the published rows and added (new stocks, or a new version) or
 * dropped (identical). Resumable: a restarted run skips the stocks staged here.
 */
@Entity('signal_staging')
export class SignalStagingRow {
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

  @Column({ type: 'double precision' })
  close: number;

  @Column({ type: 'jsonb' })
  reasons: Record<string, unknown>;

  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId: string | null;
}
