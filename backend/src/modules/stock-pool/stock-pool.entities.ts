import { StockPoolItem } from './entities/stock-pool-item.entity.js';
import { StockPool } from './entities/stock-pool.entity.js';
export const StockPoolEntities = [StockPool, StockPoolItem];
