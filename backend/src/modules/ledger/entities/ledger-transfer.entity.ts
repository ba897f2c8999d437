import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A movement between two accounts. Immutable except for its one resolution (pending → posted |
 * voided, a conditional update that succeeds once). Corrections are new `reversal` transfers.
 */
@Entity('ledger_transfers')
@Index('uq_ledger_transfers_idempotency', ['idempotencyKey'], { unique: true })
@Index('uq_ledger_transfers_reverses', ['reversesId'], { unique: true, where: '"reverses_id" IS NOT NULL' })
@Index('ix_ledger_transfers_from', ['fromAccountId', 'createdAt'])
@Index('ix_ledger_transfers_to', ['toAccountId', 'createdAt'])
@Index('ix_ledger_transfers_pending', ['type', 'createdAt'], { where: `"status" = 'pending'` })
@Check('ck_ledger_transfers_amount', `"amount_fen" > 0`)
@Check('ck_ledger_transfers_status', `"status" IN ('pending', 'posted', 'voided')`)
@Check('ck_ledger_transfers_accounts', `"from_account_id" <> "to_account_id"`)
@Check('ck_ledger_transfers_resolved', `("status" = 'pending') = ("resolved_at" IS NULL)`)
export class LedgerTransfer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey: string;

  /** sha256 of the request body the key was first used with */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ type: 'varchar', length: 24 })
  type: string;

  @Column({ type: 'varchar', length: 12 })
  status: 'pending' | 'posted' | 'voided';

  @Column({ name: 'from_account_id', type: 'bigint' })
  fromAccountId: string;

  @Column({ name: 'to_account_id', type: 'bigint' })
  toAccountId: string;

  @Column({ name: 'amount_fen', type: 'bigint' })
  amountFen: string;

  /** `review` while a risk rule holds the transfer for an admin */
  @Column({ type: 'varchar', length: 16, nullable: true })
  hold: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  reference: string | null;

  @Column({ type: 'varchar', length: 256, nullable: true })
  note: string | null;

  @Column({ name: 'operator_id', type: 'uuid', nullable: true })
  operatorId: string | null;

  /** the transfer this one reverses (at most one reversal each) */
  @Column({ name: 'reverses_id', type: 'uuid', nullable: true })
  reversesId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy: string | null;
}
