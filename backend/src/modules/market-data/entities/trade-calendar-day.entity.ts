import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The SSE trading calendar (A-shares share one calendar). */
@Entity('trade_calendar')
export class TradeCalendarDayRow {
  @PrimaryColumn({ name: 'cal_date', type: 'date' })
  calDate: string;

  @Column({ name: 'is_open', type: 'boolean' })
  isOpen: boolean;

  @Column({ type: 'varchar', length: 16 })
  source: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
