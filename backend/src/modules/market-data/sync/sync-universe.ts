/**
 * The stocks a per-stock sync covers: those of the pools in use (active, and draft ones being
 * prepared) and every stock a member holds now. An abstract class (a class DI token) provided by
 * the allocation module, which owns the tables that say which stocks are in use; market-data never
 * reads them (and does not import that module: it sits below it).
 */
export abstract class SyncUniverse {
  /** Sorted, distinct ts codes. */
  abstract perStockCodes(): Promise<string[]>;
}
