import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** Admin-editable ledger rules (one row, id = 1; defaults apply until an admin saves). */
@Entity('ledger_settings')
@Check('ck_ledger_settings_one', `"id" = 1`)
export class LedgerSettings {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ name: 'min_transfer_fen', type: 'bigint' })
  minTransferFen: string;

  @Column({ name: 'min_withdrawal_fen', type: 'bigint' })
  minWithdrawalFen: string;

  @Column({ name: 'risk_hold_amount_fen', type: 'bigint' })
  riskHoldAmountFen: string;

  @Column({ name: 'risk_hold_per_hour', type: 'int' })
  riskHoldPerHour: number;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
