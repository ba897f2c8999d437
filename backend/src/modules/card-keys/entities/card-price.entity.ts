import { Check, Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An admin-set agent price: per VIP level and months, or per project and duration days (0 = permanent). */
@Entity('card_prices')
@Check('ck_card_prices_kind', `("kind" = 'vip' AND "level" IS NOT NULL AND "months" IS NOT NULL AND "project_id" IS NULL) OR ("kind" = 'project' AND "project_id" IS NOT NULL AND "duration_days" IS NOT NULL AND "level" IS NULL)`)
@Check('ck_card_prices_price', `"price_fen" >= 0`)
export class CardPrice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 8 })
  kind: 'vip' | 'project';

  /** `vip:<level>:<months>` or `project:<id>:<days>`, unique. */
  @Index('uq_card_prices_scope', { unique: true })
  @Column({ name: 'scope_key', type: 'varchar', length: 80 })
  scopeKey: string;

  @Column({ type: 'int', nullable: true })
  level: number | null;

  @Column({ type: 'int', nullable: true })
  months: number | null;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId: string | null;

  @Column({ name: 'duration_days', type: 'int', nullable: true })
  durationDays: number | null;

  @Column({ name: 'price_fen', type: 'bigint' })
  priceFen: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
