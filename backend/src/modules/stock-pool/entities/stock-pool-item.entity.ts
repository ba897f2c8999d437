import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StockPool } from './stock-pool.entity.js';
import { Stock } from '../../market-data/entities/stock.entity.js';

/** One stock of a pool, in import order. */
@Entity('stock_pool_items')
@Check('ck_stock_pool_items_holders', `"holders" >= 0`)
export class StockPoolItem {
  @PrimaryColumn({ name: 'pool_id', type: 'uuid' })
  poolId: string;

  @PrimaryColumn({ name: 'ts_code', type: 'varchar', length: 9 })
  tsCode: string;

  /** 1-based position as imported (the order people see). */
  @Column({ type: 'int' })
  position: number;

  /**
   * Members currently holding this stock from this pool, maintained by the allocation module in the
   * same transaction as every allocation and release (so a draw reads the pool's counts without
   * scanning allocations). Frozen at rotation: an archived pool keeps the counts it ended with.
   */
  @Column({ type: 'int', default: 0 })
  holders: number;

  @ManyToOne(() => StockPool, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pool_id', foreignKeyConstraintName: 'fk_stock_pool_items_pool' })
  pool?: StockPool;

  @ManyToOne(() => Stock, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ts_code', foreignKeyConstraintName: 'fk_stock_pool_items_stock' })
  stock?: Stock;
}
