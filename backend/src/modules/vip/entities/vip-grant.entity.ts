import type { VipGrantKind, VipGrantSource } from '@zhice/shared';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The shared unions (`@zhice/shared` vip.ts), under the names this module uses. */
export type GrantSource = VipGrantSource;
export type GrantKind = VipGrantKind;

/** Every change of a subscription, as issued. `(source, reference)` makes payment/card grants idempotent. */
@Entity('vip_grants')
@Index('ix_vip_grants_user', ['userId', 'createdAt'])
@Index('uq_vip_grants_source_ref', ['source', 'reference'], { unique: true, where: `"reference" IS NOT NULL` })
@Check('ck_vip_grants_source', `"source" IN ('admin', 'payment', 'card_key', 'payment_refund')`)
@Check('ck_vip_grants_kind', `"kind" IN ('new', 'extend', 'upgrade', 'revert')`)
@Check('ck_vip_grants_months', `"months" BETWEEN 1 AND 36`)
export class VipGrant {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  source: GrantSource;

  /** Order number, card key id… null for admin grants. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reference: string | null;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'smallint' })
  months: number;

  @Column({ type: 'varchar', length: 16 })
  /** 'revert': a refund took back the time an earlier grant gave (history is never edited). */
  kind: GrantKind;

  @Column({ name: 'level_before', type: 'smallint' })
  levelBefore: number;

  @Column({ name: 'expires_before', type: 'timestamptz', nullable: true })
  expiresBefore: Date | null;

  @Column({ name: 'expires_after', type: 'timestamptz' })
  expiresAfter: Date;

  /** Extra days credited from the unused value of the old level on an upgrade. */
  @Column({ name: 'converted_seconds', type: 'int', default: 0 })
  convertedSeconds: number;

  @Column({ type: 'varchar', length: 200, default: '' })
  reason: string;

  @Column({ name: 'operator_id', type: 'uuid', nullable: true })
  operatorId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
