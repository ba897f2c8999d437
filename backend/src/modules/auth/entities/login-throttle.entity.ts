import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed-login counters (README "Lockout"). `subject` is `user:<id>` for an existing account and
 * `name:<lower(login)>` for a name nobody has, so both answer alike; `source` is the client IP, or
 * `*` for the whole account. Every attempt claims a slot with one atomic upsert before its password
 * is checked, so parallel attempts cannot all see "0 failures so far".
 */
@Entity('login_throttles')
@Index('ix_login_throttles_updated', ['updatedAt'])
export class LoginThrottle {
  @PrimaryColumn({ type: 'varchar', length: 300 })
  subject: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  source: string;

  @Column({ name: 'failed_count', type: 'int', default: 0 })
  failedCount: number;

  /** Finished failures among `failed_count` (the rest are attempts in flight); a success forgives only these. */
  @Column({ name: 'finished_count', type: 'int', default: 0 })
  finishedCount: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
