import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what to whom, with before/after snapshots (secrets masked before they get here). */
@Entity('operation_logs')
@Index('ix_operation_logs_at', ['at'])
@Index('ix_operation_logs_operator', ['operatorId', 'at'])
@Index('ix_operation_logs_target', ['targetType', 'targetId'])
export class OperationLog {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'operator_id', type: 'uuid', nullable: true })
  operatorId: string | null;

  @Column({ name: 'operator_name', type: 'varchar', length: 64 })
  operatorName: string;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32 })
  targetType: string;

  @Column({ name: 'target_id', type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;
}
