import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Progressive-lockout counters for wrong card codes (`member:<id>` / `ip:<addr>`), shared by every instance. */
@Entity('card_redeem_throttles')
export class CardRedeemThrottle {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  subject: string;

  @Column({ type: 'int' })
  failures: number;

  @Column({ name: 'window_start', type: 'timestamptz' })
  windowStart: Date;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
}

/** Nonces seen per project (10 minutes); the primary key makes a replay fail. */
@Entity('card_api_nonces')
export class CardApiNonce {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  nonce: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}

/** Calls per project per minute, for the per-project rate limit and its temporary ban. */
@Entity('card_api_usage')
export class CardApiUsage {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @PrimaryColumn({ type: 'timestamptz' })
  minute: Date;

  @Column({ type: 'int' })
  calls: number;
}

/** Card-key settings an admin edits (one row, id 1). */
@Entity('card_settings')
export class CardSettings {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ name: 'unbind_cooldown_hours', type: 'int', default: 24 })
  unbindCooldownHours: number;

  @Column({ name: 'default_discount_pct', type: 'int', default: 70 })
  defaultDiscountPct: number;
}
