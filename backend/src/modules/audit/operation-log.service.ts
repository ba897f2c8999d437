import { Injectable } from '@nestjs/common';
import type { OperationLogDto, Paged } from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { maskSecrets } from '../../common/mask.js';
import { pageOffset, paged } from '../../common/pagination.js';
import type { ListOperationLogsQueryDto } from './list-operation-logs.query.js';
import { OperationLog } from './entities/operation-log.entity.js';

export interface OperationRecord {
  operator: Pick<AuthUser, 'id' | 'username'> | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: object | null;
  after?: object | null;
  ip?: string | null;
}

/** Every admin action goes through here, inside the same transaction as the change itself. */
@Injectable()
export class OperationLogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(rec: OperationRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(OperationLog).save(manager.create(OperationLog, {
      at: this.clock.now(),
      operatorId: rec.operator?.id ?? null,
      operatorName: rec.operator?.username ?? 'system',
      action: rec.action,
      targetType: rec.targetType,
      targetId: rec.targetId ?? null,
      before: rec.before ? snapshot(rec.before) : null,
      after: rec.after ? snapshot(rec.after) : null,
      ip: rec.ip ?? null,
    }));
  }

  async list(q: ListOperationLogsQueryDto): Promise<Paged<OperationLogDto>> {
    const qb = this.dataSource.manager.createQueryBuilder(OperationLog, 'o');
    if (q.operator) qb.andWhere('o.operator_name ILIKE :op', { op: `%${q.operator.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (q.action) qb.andWhere('o.action = :action', { action: q.action });
    if (q.targetType) qb.andWhere('o.target_type = :tt', { tt: q.targetType });
    if (q.targetId) qb.andWhere('o.target_id = :tid', { tid: q.targetId });
    if (q.from) qb.andWhere('o.at >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('o.at <= :to', { to: new Date(q.to) });
    const [rows, total] = await qb.orderBy('o.at', 'DESC').addOrderBy('o.id', 'DESC').skip(pageOffset(q).skip).take(q.pageSize).getManyAndCount();
    return paged(
      rows.map((r) => ({ ...r, at: r.at.toISOString() })),
      total,
      q,
    );
  }

  async actions(): Promise<string[]> {
    const rows: Array<{ action: string }> = await this.dataSource.query('SELECT DISTINCT action FROM operation_logs ORDER BY action');
    return rows.map((r) => r.action);
  }
}

/** Plain-JSON copy with secrets masked (dates become ISO strings). */
function snapshot(value: object): Record<string, unknown> {
  return maskSecrets(JSON.parse(JSON.stringify(value)) as Record<string, unknown>);
}
