import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('vip_levels')
@Check('ck_vip_levels_level', `"level" BETWEEN 0 AND 4`)
@Check('ck_vip_levels_quota', `"stock_quota" IS NULL OR "stock_quota" >= 1`)
@Check('ck_vip_levels_price', `"price_fen" >= 0`)
@Check('ck_vip_levels_free_zero', `"level" <> 0 OR ("price_fen" = 0 AND "enabled")`)
export class VipLevel {
  @PrimaryColumn({ type: 'smallint' })
  level: number;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  /** null = unlimited (the whole pool). */
  @Column({ name: 'stock_quota', type: 'int', nullable: true })
  stockQuota: number | null;

  /** Price of the 3-month term, in fen. */
  @Column({ name: 'price_fen', type: 'int' })
  priceFen: number;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'varchar', length: 500, default: '' })
  description: string;

  /** Signal strategy used for members of this level (the signals module validates it). */
  @Column({ name: 'strategy_id', type: 'varchar', length: 32, default: 'cho' })
  strategyId: string;

  /**
   * While the signals of a newly chosen `strategyId` are computed (a signals job), the strategy
   * whose signals members of this level keep seeing; null once the new one is ready.
   */
  @Column({ name: 'served_strategy_id', type: 'varchar', length: 32, nullable: true })
  servedStrategyId: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
