import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A stock a run could not compute (bad bars, …), listed with the run. */
@Entity('signal_run_failures')
export class SignalRunFailureRow {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId: string;

  @PrimaryColumn({ name: 'ts_code', type: 'varchar', length: 9 })
  tsCode: string;

  @Column({ type: 'text' })
  message: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
