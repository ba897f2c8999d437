import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * "Does this member hold this stock right now?" — the bars route's access rule. An abstract class
 * (a class DI token) so the allocation module can provide its own implementation; until it does,
 * market-data reads the `allocations` table (owned by allocation) directly.
 */
export abstract class StockOwnership {
  abstract holds(userId: string, tsCode: string): Promise<boolean>;
}

/** Active allocation rows (`released_at IS NULL`) in any pool. */
@Injectable()
export class AllocationsStockOwnership extends StockOwnership {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async holds(userId: string, tsCode: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM allocations WHERE user_id = $1 AND ts_code = $2 AND released_at IS NULL LIMIT 1',
      [userId, tsCode],
    );
    return rows.length > 0;
  }
}
