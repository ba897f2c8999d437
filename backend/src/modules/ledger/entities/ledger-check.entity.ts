import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Results of the invariant check (route and nightly job); the latest shows on the admin dashboard. */
@Entity('ledger_checks')
@Index('ix_ledger_checks_at', ['checkedAt'])
export class LedgerCheck {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'checked_at', type: 'timestamptz' })
  checkedAt: Date;

  @Column({ type: 'boolean' })
  ok: boolean;

  @Column({ type: 'jsonb' })
  result: object;
}
