import { Injectable } from '@nestjs/common';
import type { Paged, SignalDayDto } from '@zhice/shared';
import { DataSource } from 'typeorm';
import { paged, type PageQueryDto } from '../../../common/pagination.js';

/** Admin: the days with signals (status, chain position), newest first. */
@Injectable()
export class SignalDaysService {
  constructor(private readonly dataSource: DataSource) {}

  async list(q: PageQueryDto): Promise<Paged<SignalDayDto>> {
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT trade_date::text, status, row_count, strategies, seq, chain_hash, published_at FROM signal_days
          ORDER BY trade_date DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      ) as Promise<Array<{ trade_date: string; status: SignalDayDto['status']; row_count: number; strategies: Record<string, number>; seq: number | null; chain_hash: string | null; published_at: Date | null }>>,
      this.dataSource.query('SELECT count(*)::int AS n FROM signal_days') as Promise<Array<{ n: number }>>,
    ]);
    return paged(
      rows.map((r) => ({ tradeDate: r.trade_date, status: r.status, rowCount: r.row_count, strategies: r.strategies, seq: r.seq, hash: r.chain_hash, publishedAt: r.published_at?.toISOString() ?? null })),
      count[0]?.n ?? 0,
      q,
    );
  }
}
