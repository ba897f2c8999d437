import { Check, Entity, PrimaryColumn } from 'typeorm';

/**
 * The stocks the per-stock sync covers, as the modules above market-data declare them: each
 * `tracker` (a module's name: `stock-pool` for the active and draft pools' stocks, `allocation` for
 * the stocks members hold) keeps its own rows, written in the same transaction as the change that
 * moves its set (`TrackedStocksService`). The sync's universe is the distinct codes of all trackers.
 */
@Entity('market_tracked_stocks')
@Check('ck_market_tracked_stocks_tracker', `"tracker" ~ '^[a-z][a-z-]*$'`)
export class TrackedStockRow {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  tracker: string;

  @PrimaryColumn({ name: 'ts_code', type: 'varchar', length: 9 })
  tsCode: string;
}
