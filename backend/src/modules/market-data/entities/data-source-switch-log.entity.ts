import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One change of the provider serving an operation (written by the DataSourceManager's SwitchLogSink). */
@Entity('data_source_switch_logs')
@Index('ix_data_source_switch_logs_at', ['at'])
export class DataSourceSwitchLogRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'from_source', type: 'varchar', length: 32 })
  from: string;

  @Column({ name: 'to_source', type: 'varchar', length: 32 })
  to: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 32 })
  operation: string;
}
