import { Injectable } from '@nestjs/common';
import type { OperationLogDto, Paged } from '@zhice/shared';
import type { Response } from 'express';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { maskSecrets } from '../../common/mask.js';
import { pagesOf, sendXlsx, type XlsxColumn } from '../../common/xlsx-export.js';
import { paged } from '../../common/pagination.js';
import type { ListOperationLogsQueryDto } from './list-operation-logs.query.js';
import { AuditStore } from './audit.store.js';

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
/** The operation-log export's columns, as the admin list shows them. */
export const OPERATION_LOG_EXPORT_COLUMNS: XlsxColumn<OperationLogDto>[] = [
  { header: '时间', value: (o) => new Date(o.at) },
  { header: '操作人', value: (o) => o.operatorName },
  { header: '操作', value: (o) => o.action },
  { header: '对象类型', value: (o) => o.targetType },
  { header: '对象ID', value: (o) => o.targetId },
  { header: '变更前', value: (o) => (o.before ? JSON.stringify(o.before) : null) },
  { header: '变更后', value: (o) => (o.after ? JSON.stringify(o.after) : null) },
  { header: 'IP', value: (o) => o.ip },
];

@Injectable()
export class OperationLogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: AuditStore,
    private readonly clock: Clock,
  ) {}

  async record(rec: OperationRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await this.store.insert(manager, {
      at: this.clock.now(),
      operatorId: rec.operator?.id ?? null,
      operatorName: rec.operator?.username ?? 'system',
      action: rec.action,
      targetType: rec.targetType,
      targetId: rec.targetId ?? null,
      before: rec.before ? snapshot(rec.before) : null,
      after: rec.after ? snapshot(rec.after) : null,
      ip: rec.ip ?? null,
    });
  }

  async list(q: ListOperationLogsQueryDto): Promise<Paged<OperationLogDto>> {
    const [rows, total] = await this.store.list(this.dataSource.manager, q);
    return paged(
      rows.map((r) => ({ ...r, at: r.at.toISOString() })),
      total,
      q,
    );
  }

  /** The filtered, sorted list as an XLSX download. */
  export(q: ListOperationLogsQueryDto, res: Response): Promise<void> {
    return sendXlsx(res, {
      name: 'operation-logs',
      sheet: '操作日志',
      columns: OPERATION_LOG_EXPORT_COLUMNS,
      batches: pagesOf((page, pageSize) => this.list({ ...q, page, pageSize })),
      now: this.clock.now(),
    });
  }

  async actions(): Promise<string[]> {
    return this.store.actions(this.dataSource.manager);
  }
}

/** Plain-JSON copy with secrets masked (dates become ISO strings). */
function snapshot(value: object): Record<string, unknown> {
  return maskSecrets(JSON.parse(JSON.stringify(value)) as Record<string, unknown>);
}
