import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A withdrawal request; its money is the pending `withdrawal` transfer with the same id. */
@Entity('ledger_withdrawals')
@Index('ix_ledger_withdrawals_status', ['status', 'createdAt'])
@Index('ix_ledger_withdrawals_agent', ['agentId', 'createdAt'])
@Check('ck_ledger_withdrawals_status', `"status" IN ('pending', 'approved', 'rejected')`)
export class LedgerWithdrawal {
  /** = the transfer id */
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'agent_id', type: 'uuid' })
  agentId: string;

  @Column({ name: 'amount_fen', type: 'bigint' })
  amountFen: string;

  @Column({ type: 'varchar', length: 12 })
  status: 'pending' | 'approved' | 'rejected';

  /** payout account, AES-256-GCM sealed (DATA_SECRET_KEY) */
  @Column({ name: 'account_sealed', type: 'text' })
  accountSealed: string;

  @Column({ name: 'account_masked', type: 'varchar', length: 80 })
  accountMasked: string;

  @Column({ type: 'varchar', length: 256, nullable: true })
  reason: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
