import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A posted leg of a transfer: −amount on the source, +amount on the destination. Never updated. */
@Entity('ledger_entries')
@Index('uq_ledger_entries_leg', ['transferId', 'accountId'], { unique: true })
@Index('ix_ledger_entries_account', ['accountId', 'at', 'id'])
@Check('ck_ledger_entries_amount', `"amount_fen" <> 0`)
export class LedgerEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'transfer_id', type: 'uuid' })
  transferId: string;

  @Column({ name: 'account_id', type: 'bigint' })
  accountId: string;

  @Column({ name: 'amount_fen', type: 'bigint' })
  amountFen: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
