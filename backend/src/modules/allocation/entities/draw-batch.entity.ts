import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DrawReason } from '@zhice/shared';
import { seedColumn } from './columns.js';

/**
 * A chunk of draws made together by a pool activation. It stores the pool snapshot (holder counts)
 * the chunk started from once; draw k of the chunk saw that snapshot plus the picks of draws
 * 0…k−1 of the same chunk, so each draw stays exactly reproducible without a snapshot per member.
 */
@Entity('draw_batches')
@Index('ix_draw_batches_pool', ['poolId', 'createdAt'])
export class DrawBatch {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'pool_id', type: 'uuid' })
  poolId: string;

  @Column({ name: 'job_id', type: 'uuid', nullable: true })
  jobId: string | null;

  @Column({ type: 'varchar', length: 16 })
  reason: DrawReason;

  /** Batch seed; each member's seed is deriveSeed(batchSeed, userId), stored on the draw. */
  @Column(seedColumn('seed'))
  seed: number;

  /** `{ "600000.SH": holders, … }` for the eligible stocks at the start of the chunk. */
  @Column({ type: 'jsonb' })
  snapshot: Record<string, number>;

  @Column({ name: 'snapshot_hash', type: 'char', length: 64 })
  snapshotHash: string;

  @Column({ name: 'allocator_version', type: 'varchar', length: 32 })
  allocatorVersion: string;

  @Column({ type: 'int' })
  members: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
