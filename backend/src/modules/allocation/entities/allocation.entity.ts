import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ReleaseReason } from '@zhice/shared';

/**
 * A stock held by a member from a pool. Never deleted: a release sets `released_at` and the reason,
 * so the table is the allocation history. At most one active row per (pool, member, stock).
 *
 * No foreign keys on this table (the house style for high-volume rows, as on vip_grants): a pool
 * activation writes millions of rows and each FK check costs a trigger call per row (measured: the
 * three FKs this table could have tripled the insert time). The allocation module is the only
 * writer and takes user, pool stock and draw from rows it has just read or written.
 * `ix_allocations_held_stock`: whether anyone still holds a stock, asked on every release (market
 * data's tracked set, HeldStocksTracker).
 */
@Entity('allocations')
@Index('uq_allocations_active', ['poolId', 'userId', 'tsCode'], { unique: true, where: `"released_at" IS NULL` })
@Index('ix_allocations_user', ['userId', 'allocatedAt'])
@Index('ix_allocations_held_stock', ['tsCode'], { where: `"released_at" IS NULL` })
@Check('ck_allocations_release_reason', `"release_reason" IN ('level_change', 'reroll', 'rotation', 'expiry')`)
@Check('ck_allocations_released', `("released_at" IS NULL) = ("release_reason" IS NULL)`)
export class Allocation {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'pool_id', type: 'uuid' })
  poolId: string;

  @Column({ name: 'ts_code', type: 'varchar', length: 9 })
  tsCode: string;

  @Column({ name: 'draw_id', type: 'bigint' })
  drawId: string;

  @Column({ name: 'allocated_at', type: 'timestamptz' })
  allocatedAt: Date;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  @Column({ name: 'release_reason', type: 'varchar', length: 16, nullable: true })
  releaseReason: ReleaseReason | null;
}
