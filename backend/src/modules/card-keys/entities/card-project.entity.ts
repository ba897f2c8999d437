import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An outside software project whose card keys are checked by the signed verify API (seed 001 §2). */
@Entity('card_projects')
export class CardProject {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_card_projects_name', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description: string;

  @Column({ type: 'varchar', length: 32, default: '' })
  version: string;

  @Column({ name: 'callback_url', type: 'varchar', length: 500, nullable: true })
  callbackUrl: string | null;

  /** Public identifier sent as X-Api-Key. */
  @Index('uq_card_projects_api_key', { unique: true })
  @Column({ name: 'api_key', type: 'varchar', length: 40 })
  apiKey: string;

  /** The HMAC secret, AES-256-GCM sealed (the verify API needs it back); shown once at creation/rotation. */
  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Retail price per 30 days (fen), the base of the agents' default card price. */
  @Column({ name: 'retail_fen_per30d', type: 'bigint', default: 1000 })
  retailFenPer30d: string;

  @Column({ name: 'rate_limit_per_minute', type: 'int', default: 600 })
  rateLimitPerMinute: number;

  @Column({ name: 'banned_until', type: 'timestamptz', nullable: true })
  bannedUntil: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
