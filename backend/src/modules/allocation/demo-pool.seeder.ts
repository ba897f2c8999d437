import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Seeder } from '../../database/seeds/seeder.js';
import { DEMO_UNIVERSE } from '../market-data/domain/demo-universe.js';
import { PoolActivationService } from './pool-activation.service.js';

export const DEMO_POOL_NAME = '2026年Q4 演示股票池';
const DEMO_POOL_SIZE = 50;

/**
 * Demo data: the demo universe's stock basics (real codes and names; inserted only where missing,
 * so the market-data sync stays the owner of the rows) and, when no pool exists yet, an active demo
 * pool of 50 of them, activated through the real path so existing members are allocated too.
 */
@Injectable()
export class DemoPoolSeeder implements Seeder {
  readonly name = 'demo-stock-pool';
  readonly demoOnly = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly activation: PoolActivationService,
  ) {}

  async run(): Promise<void> {
    const stocks = DEMO_UNIVERSE.map((s) => ({
      tsCode: s.tsCode,
      symbol: s.tsCode.slice(0, 6),
      exchange: s.tsCode.slice(7),
      name: s.name,
      industry: s.industry,
      listDate: s.listDate,
      status: s.delistDate ? 'delisted' : 'listed',
    }));
    await this.dataSource.query(
      `INSERT INTO stocks (ts_code, symbol, name, exchange, industry, list_date, status)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::date[], $7::varchar[])
       ON CONFLICT (ts_code) DO NOTHING`,
      [stocks.map((s) => s.tsCode), stocks.map((s) => s.symbol), stocks.map((s) => s.name), stocks.map((s) => s.exchange), stocks.map((s) => s.industry), stocks.map((s) => s.listDate), stocks.map((s) => s.status)],
    );
    const existing: Array<{ n: number }> = await this.dataSource.query('SELECT count(*)::int AS n FROM stock_pools');
    if ((existing[0]?.n ?? 0) > 0) return;
    const codes = stocks.filter((s) => s.status === 'listed').slice(0, DEMO_POOL_SIZE).map((s) => s.tsCode);
    const poolId = await this.dataSource.transaction(async (m) => {
      const rows: Array<{ id: string }> = await m.query(
        `INSERT INTO stock_pools (name, status, starts_on, ends_on) VALUES ($1, 'draft', '2026-10-01', '2026-12-31') RETURNING id`,
        [DEMO_POOL_NAME],
      );
      const id = rows[0]!.id;
      await m.query(
        `INSERT INTO stock_pool_items (pool_id, ts_code, position) SELECT $1, code, pos FROM unnest($2::varchar[]) WITH ORDINALITY AS t(code, pos)`,
        [id, codes],
      );
      return id;
    });
    await this.activation.activate(poolId, null, null);
  }
}
