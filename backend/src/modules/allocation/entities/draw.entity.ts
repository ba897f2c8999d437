import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DrawReason } from '@zhice/shared';
import { seedColumn } from './columns.js';

/**
 * One run of the balanced allocator for one member. Reproducible from what is stored: seed, quota,
 * the member's holdings before the draw (`held`) and the pool snapshot — `snapshot` itself for a
 * single draw, or the batch's base snapshot plus the earlier picks of the batch (`batch_id`,
 * `batch_seq`) for draws made by a pool activation. `snapshot_hash` is poolSnapshotHash of it.
 * No foreign keys, like allocations (one row per member per activation; see allocation.entity.ts).
 */
@Entity('draws')
@Index('ix_draws_user', ['userId', 'createdAt'])
@Index('ix_draws_pool', ['poolId', 'createdAt'])
@Index('ix_draws_batch', ['batchId', 'batchSeq'])
@Check('ck_draws_reason', `"reason" IN ('register', 'level_change', 'activation', 'reroll', 'expiry')`)
@Check('ck_draws_seed', `"seed" BETWEEN 0 AND 4294967295`)
@Check('ck_draws_snapshot', `("snapshot" IS NULL) <> ("batch_id" IS NULL)`)
export class Draw {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'pool_id', type: 'uuid' })
  poolId: string;

  @Column({ type: 'varchar', length: 16 })
  reason: DrawReason;

  @Column(seedColumn('seed'))
  seed: number;

  @Column({ name: 'snapshot_hash', type: 'char', length: 64 })
  snapshotHash: string;

  @Column({ name: 'allocator_version', type: 'varchar', length: 32 })
  allocatorVersion: string;

  /** null = unlimited (the whole pool). */
  @Column({ type: 'int', nullable: true })
  quota: number | null;

  /** The member's holdings in this pool just before the draw. */
  @Column({ type: 'jsonb' })
  held: string[];

  /** New stocks, in pick order. */
  @Column({ type: 'jsonb' })
  picks: string[];

  /** `{ "600000.SH": holders, … }` (eligible stocks) for a single draw; null for a batch draw. */
  @Column({ type: 'jsonb', nullable: true })
  snapshot: Record<string, number> | null;

  @Column({ name: 'batch_id', type: 'bigint', nullable: true })
  batchId: string | null;

  /** 0-based position of the draw in its batch. */
  @Column({ name: 'batch_seq', type: 'int', nullable: true })
  batchSeq: number | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
