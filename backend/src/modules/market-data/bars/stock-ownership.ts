/**
 * "Does this member hold this stock right now?" — the bars route's access rule. An abstract class
 * (a class DI token) provided by the allocation module, which owns the `allocations` table;
 * market-data never reads it (and does not import that module: it sits below it).
 */
export abstract class StockOwnership {
  abstract isStockVisible(userId: string, tsCode: string): Promise<boolean>;
}
