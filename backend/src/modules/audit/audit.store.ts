import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applySort } from '../../common/list-query.js';
import { pageOffset } from '../../common/pagination.js';
import { OperationLog } from './entities/operation-log.entity.js';
import { OPERATION_LOG_SORT } from './list-operation-logs.query.js';

/** A new entry (id is generated). */
export type NewOperationLog = Omit<OperationLog, 'id'>;

/** The operation-log list's filters, sort and page. */
export interface OperationLogFilter {
  /** Operator name contains (case-insensitive). */
  operator?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** ISO instants, inclusive. */
  from?: string;
  to?: string;
  sort?: string;
  page: number;
  pageSize: number;
}

/** Every SQL statement of the audit module (`operation_logs`); the caller's manager first. */
@Injectable()
export class AuditStore {
  async insert(m: EntityManager, entry: NewOperationLog): Promise<void> {
    await m.getRepository(OperationLog).save(m.create(OperationLog, entry));
  }

  /** A page of entries, filtered and sorted (OPERATION_LOG_SORT), and the total. */
  list(m: EntityManager, q: OperationLogFilter): Promise<[OperationLog[], number]> {
    const qb = m.createQueryBuilder(OperationLog, 'o');
    if (q.operator) qb.andWhere('o.operator_name ILIKE :op', { op: `%${q.operator.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (q.action) qb.andWhere('o.action = :action', { action: q.action });
    if (q.targetType) qb.andWhere('o.target_type = :tt', { tt: q.targetType });
    if (q.targetId) qb.andWhere('o.target_id = :tid', { tid: q.targetId });
    if (q.from) qb.andWhere('o.at >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('o.at <= :to', { to: new Date(q.to) });
    return applySort(qb, q.sort, OPERATION_LOG_SORT).skip(pageOffset(q).skip).take(q.pageSize).getManyAndCount();
  }

  /** Every action name recorded, sorted. */
  async actions(m: EntityManager): Promise<string[]> {
    const rows: Array<{ action: string }> = await m.query('SELECT DISTINCT action FROM operation_logs ORDER BY action');
    return rows.map((r) => r.action);
  }
}
