import { Check, Column, Entity, ForeignKey, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StockPool } from './stock-pool.entity.js';

/** One stock of a pool, in import order. */
@Entity('stock_pool_items')
@Check('ck_stock_pool_items_holders', `"holders" >= 0`)
export class StockPoolItem {
  @PrimaryColumn({ name: 'pool_id', type: 'uuid' })
  poolId: string;

  /**
   * A stock of market-data's `stocks` table. The foreign key stays in the schema (a listed stock
   * cannot be deleted); no relation: this module never loads market-data's entity (by name, not import).
   */
  @PrimaryColumn({ name: 'ts_code', type: 'varchar', length: 9 })
  @ForeignKey('Stock', { onDelete: 'RESTRICT', name: 'fk_stock_pool_items_stock' })
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
}
