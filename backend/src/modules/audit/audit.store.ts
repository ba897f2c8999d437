import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { likeContains, SqlParams, sqlOrderBy, sqlWhere } from '../../common/list-query.js';
import { OPERATION_LOG_SORT } from './domain/list-sorts.js';
import type { OperationLog } from './entities/operation-log.entity.js';

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
  async insert(m: EntityManager, e: NewOperationLog): Promise<void> {
    await m.query(
      `INSERT INTO operation_logs (at, operator_id, operator_name, action, target_type, target_id, before, after, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)`,
      [e.at, e.operatorId, e.operatorName, e.action, e.targetType, e.targetId, jsonOrNull(e.before), jsonOrNull(e.after), e.ip],
    );
  }

  /** A page of entries, filtered and sorted (OPERATION_LOG_SORT), and the total. */
  async list(m: EntityManager, q: OperationLogFilter): Promise<[OperationLog[], number]> {
    const p = new SqlParams();
    const where = sqlWhere([
      q.operator && `o.operator_name ILIKE ${p.add(likeContains(q.operator))}`,
      q.action && `o.action = ${p.add(q.action)}`,
      q.targetType && `o.target_type = ${p.add(q.targetType)}`,
      q.targetId && `o.target_id = ${p.add(q.targetId)}`,
      q.from && `o.at >= ${p.add(new Date(q.from), 'timestamptz')}`,
      q.to && `o.at <= ${p.add(new Date(q.to), 'timestamptz')}`,
    ]);
    const counted: Array<{ n: number }> = await m.query(`SELECT count(*)::int AS n FROM operation_logs o ${where}`, p.values);
    const rows: OperationLog[] = await m.query(
      `SELECT o.id, o.at, o.operator_id AS "operatorId", o.operator_name AS "operatorName", o.action, o.target_type AS "targetType",
              o.target_id AS "targetId", o.before, o.after, o.ip
         FROM operation_logs o ${where} ${sqlOrderBy(q.sort, OPERATION_LOG_SORT)} ${p.page(q)}`,
      p.values,
    );
    return [rows, counted[0]?.n ?? 0];
  }

  /** Every action name recorded, sorted. */
  async actions(m: EntityManager): Promise<string[]> {
    const rows: Array<{ action: string }> = await m.query('SELECT DISTINCT action FROM operation_logs ORDER BY action');
    return rows.map((r) => r.action);
  }
}

function jsonOrNull(v: Record<string, unknown> | null): string | null {
  return v === null ? null : JSON.stringify(v);
}
