import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { StockPoolStatus } from '@zhice/shared';

/**
 * A named list of stocks for a period. Lifecycle: draft (editable) → active (members hold stocks
 * from it; exactly one at a time) → archived (history, kept with its allocations).
 */
@Entity('stock_pools')
@Index('uq_stock_pools_active', ['status'], { unique: true, where: `"status" = 'active'` })
@Index('ix_stock_pools_status', ['status', 'createdAt'])
@Check('ck_stock_pools_status', `"status" IN ('draft', 'active', 'archived')`)
@Check('ck_stock_pools_dates', `"ends_on" >= "starts_on"`)
export class StockPool {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: StockPoolStatus;

  /** `YYYY-MM-DD` */
  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  /** `YYYY-MM-DD` */
  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  /** The job that re-allocated members when this pool was activated. */
  @Column({ name: 'activation_job_id', type: 'uuid', nullable: true })
  activationJobId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;
}
