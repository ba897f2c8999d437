import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One key. The code itself is never stored: `lookupHash` (HMAC-SHA256 under a derived key) finds it,
 * `codeSealed` (AES-256, one block, see domain/key-crypto.ts) lets the owner export it again, `last4` is what lists show.
 * VIP keys: unused → used (redeemed by a member) or void. Project keys: unused → used at the first
 * verify (device bound, validity from then); unbind clears the device and keeps the validity.
 */
@Entity('card_keys')
@Check('ck_card_keys_status', `"status" IN ('unused', 'used', 'void')`)
@Index('uq_card_keys_batch_seq', ['batchId', 'seq'], { unique: true })
@Index('ix_card_keys_status_day', ['status', 'usedAt'])
export class CardKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId: string;

  @Column({ type: 'int' })
  seq: number;

  @Index('uq_card_keys_lookup', { unique: true })
  @Column({ name: 'lookup_hash', type: 'bytea' })
  lookupHash: Buffer;

  @Column({ name: 'code_sealed', type: 'bytea' })
  codeSealed: Buffer;

  @Column({ type: 'char', length: 4 })
  last4: string;

  @Column({ type: 'varchar', length: 8, default: 'unused' })
  status: 'unused' | 'used' | 'void';

  @Index('ix_card_keys_redeemed_by')
  @Column({ name: 'redeemed_by', type: 'uuid', nullable: true })
  redeemedBy: string | null;

  /** Redeemed (VIP) or first activated (project). */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'device_id', type: 'varchar', length: 128, nullable: true })
  deviceId: string | null;

  @Column({ name: 'last_unbind_at', type: 'timestamptz', nullable: true })
  lastUnbindAt: Date | null;

  @Column({ name: 'unbind_count', type: 'int', default: 0 })
  unbindCount: number;

  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt: Date | null;
}
