import { StockPoolItem } from './entities/stock-pool-item.entity.js';
import { StockPool } from './entities/stock-pool.entity.js';
import { Stock } from './entities/stock.entity.js';
export const StockPoolEntities = [Stock, StockPool, StockPoolItem];
