import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { JobStatus } from '@zhice/shared';

/**
 * Durable progress of a long job (processed / total / failed), independent of the queue backend,
 * so progress survives restarts and reads the same on Redis and PostgreSQL.
 */
@Entity('job_records')
@Index('ix_job_records_kind', ['kind', 'createdAt'])
@Check('ck_job_records_status', `"status" IN ('queued', 'running', 'done', 'failed')`)
export class JobRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 48 })
  kind: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: JobStatus;

  @Column({ type: 'int', default: 0 })
  total: number;

  @Column({ type: 'int', default: 0 })
  processed: number;

  @Column({ type: 'int', default: 0 })
  failed: number;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'jsonb' })
  params: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  result: Record<string, unknown>;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
