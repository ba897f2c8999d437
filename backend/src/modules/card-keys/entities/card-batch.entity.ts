import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A batch of keys bought from the owner's quota by one ledger transfer in the same transaction. */
@Entity('card_batches')
@Check('ck_card_batches_kind', `("kind" = 'vip' AND "level" IS NOT NULL AND "months" IS NOT NULL) OR ("kind" = 'project' AND "project_id" IS NOT NULL AND "duration_days" IS NOT NULL)`)
@Check('ck_card_batches_status', `"status" IN ('generating', 'ready', 'failed')`)
@Check('ck_card_batches_count', `"count" BETWEEN 1 AND 10000`)
@Index('uq_card_batches_idem', ['ownerId', 'idempotencyKey'], { unique: true, where: `"idempotency_key" IS NOT NULL` })
export class CardBatch {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_card_batches_owner')
  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Column({ type: 'varchar', length: 8 })
  kind: 'vip' | 'project';

  @Column({ type: 'int', nullable: true })
  level: number | null;

  @Column({ type: 'int', nullable: true })
  months: number | null;

  @Index('ix_card_batches_project')
  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId: string | null;

  @Column({ name: 'duration_days', type: 'int', nullable: true })
  durationDays: number | null;

  @Column({ type: 'int' })
  count: number;

  @Column({ type: 'int', default: 0 })
  generated: number;

  @Column({ name: 'unit_price_fen', type: 'bigint' })
  unitPriceFen: string;

  @Column({ name: 'cost_fen', type: 'bigint' })
  costFen: string;

  @Column({ type: 'varchar', length: 12 })
  status: 'generating' | 'ready' | 'failed';

  @Column({ name: 'redeem_by', type: 'timestamptz', nullable: true })
  redeemBy: Date | null;

  @Column({ type: 'varchar', length: 200, default: '' })
  note: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64, nullable: true })
  idempotencyKey: string | null;

  /** sha256 of the request body, to tell a retry from a reuse of the key with another body. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ name: 'transfer_id', type: 'varchar', length: 64, nullable: true })
  transferId: string | null;

  @Column({ name: 'job_id', type: 'uuid', nullable: true })
  jobId: string | null;

  @Column({ name: 'voided_count', type: 'int', default: 0 })
  voidedCount: number;

  @Column({ name: 'refunded_fen', type: 'bigint', default: 0 })
  refundedFen: string;

  /** Number of void operations so far (each is its own idempotent refund transfer). */
  @Column({ name: 'void_ops', type: 'int', default: 0 })
  voidOps: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
