import { Injectable } from '@nestjs/common';
import type { Paged, SignalDayDto } from '@zhice/shared';
import { DataSource } from 'typeorm';
import { SortParam } from '../../../common/list-query.js';
import { paged, PageQueryDto } from '../../../common/pagination.js';
import { SIGNAL_DAY_SORT } from '../domain/list-sorts.js';
import { SignalsStore } from '../signals.store.js';

export class ListSignalDaysQueryDto extends PageQueryDto {
  @SortParam(SIGNAL_DAY_SORT)
  sort?: string;
}

/** Admin: the days with signals (status, chain position), newest first unless sorted otherwise. */
@Injectable()
export class SignalDaysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SignalsStore,
  ) {}

  async list(q: ListSignalDaysQueryDto): Promise<Paged<SignalDayDto>> {
    const m = this.dataSource.manager;
    const [rows, total] = await Promise.all([this.store.listDays(m, q.sort, q), this.store.countDays(m)]);
    return paged(
      rows.map((r) => ({ tradeDate: r.tradeDate, status: r.status, rowCount: r.rowCount, strategies: r.strategies, seq: r.seq, hash: r.chainHash, publishedAt: r.publishedAt?.toISOString() ?? null })),
      total,
      q,
    );
  }
}
