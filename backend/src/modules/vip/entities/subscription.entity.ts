import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One row per user (created on first grant). The stored level is what was bought; the effective
 * level is `level` while `expires_at > now`, else 0 — computed at read time, never trusted stale.
 */
@Entity('subscriptions')
@Index('ix_subscriptions_expires', ['expiresAt'])
export class Subscription {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** Last effective level the allocation module was told about (the expiry job compares to it). */
  @Column({ name: 'notified_level', type: 'smallint', default: 0 })
  notifiedLevel: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
