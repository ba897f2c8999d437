import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type LedgerAccountKind = 'system' | 'agent' | 'card_sales' | 'withdrawals_payable';

/**
 * One account per agent plus the system issuer and clearing accounts. `available + frozen` always
 * equals the sum of the account's entries; the sum over all accounts is zero (the system issuer
 * goes negative by what it has issued). Rows are locked in ascending `id` order.
 */
@Entity('ledger_accounts')
@Index('uq_ledger_accounts_code', ['code'], { unique: true })
@Index('uq_ledger_accounts_user', ['userId'], { unique: true })
@Check('ck_ledger_accounts_kind', `"kind" IN ('system', 'agent', 'card_sales', 'withdrawals_payable')`)
@Check('ck_ledger_accounts_agent_available', `"kind" <> 'agent' OR "available_fen" >= 0`)
@Check('ck_ledger_accounts_frozen', `"frozen_fen" >= 0`)
@Check('ck_ledger_accounts_user', `("kind" = 'agent') = ("user_id" IS NOT NULL)`)
export class LedgerAccount {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** `system`, `card_sales`, `withdrawals_payable` or `agent:<userId>` */
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 24 })
  kind: LedgerAccountKind;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'available_fen', type: 'bigint', default: 0 })
  availableFen: string;

  @Column({ name: 'frozen_fen', type: 'bigint', default: 0 })
  frozenFen: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
