import { Injectable, Logger } from '@nestjs/common';
import { formatShanghai, shanghaiStamp } from '@zhice/shared';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { Clock } from '../../common/clock.js';
import { drain, XLSX_MIME } from '../../common/xlsx-export.js';
import { AllocationQueryService, toAllocationDto } from './allocation-query.service.js';
import type { AllocationRow } from './allocation.store.js';
import type { ExportAllocationsQueryDto } from './dto/allocation.dto.js';

const BATCH = 5000;

/** Export columns, in order: JSON keys and the XLSX header row. */
export const EXPORT_COLUMNS = [
  ['id', '分配ID'],
  ['userId', '用户ID'],
  ['username', '用户名'],
  ['vipLevel', 'VIP等级'],
  ['poolId', '股票池ID'],
  ['poolName', '股票池'],
  ['tsCode', '股票代码'],
  ['stockName', '股票名称'],
  ['drawId', '抽取ID'],
  ['allocatedAt', '分配时间'],
  ['releasedAt', '释放时间'],
  ['releaseReason', '释放原因'],
] as const;

export type ExportRecord = Record<(typeof EXPORT_COLUMNS)[number][0], string | number | null>;

export function toExportRecord(r: AllocationRow): ExportRecord {
  return { ...toAllocationDto(r), vipLevel: Number(r.vipLevel) };
}

/** The XLSX row: times on the Asia/Shanghai wall clock with their offset, as an operator reads them. */
export function toXlsxRecord(r: AllocationRow): ExportRecord {
  return { ...toExportRecord(r), allocatedAt: formatShanghai(r.allocatedAt), releasedAt: r.releasedAt && formatShanghai(r.releasedAt) };
}

/**
 * Streams allocations as a JSON array or an XLSX workbook (exceljs streaming writer, inline strings,
 * no styles), reading the database in keyset batches and waiting for the socket to drain between
 * them, so memory stays flat whatever the row count.
 */
@Injectable()
export class AllocationExportService {
  private readonly logger = new Logger('Allocation');

  constructor(
    private readonly query: AllocationQueryService,
    private readonly clock: Clock,
  ) {}

  async export(q: ExportAllocationsQueryDto, res: Response): Promise<void> {
    // The first read happens before any header goes out, so a failure still gets the error shape.
    let batch = await this.query.exportBatch(q, '0', BATCH);
    const filename = `allocations-${shanghaiStamp(this.clock.now())}.${q.format}`;
    res.status(200);
    res.setHeader('Content-Type', q.format === 'xlsx' ? XLSX_MIME : 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    let aborted = false;
    res.on('close', () => {
      aborted = !res.writableFinished;
    });
    const next = async () => {
      const last = batch[batch.length - 1];
      batch = batch.length === BATCH && last ? await this.query.exportBatch(q, last.id, BATCH) : [];
    };
    try {
      if (q.format === 'json') {
        res.write('[');
        let first = true;
        while (batch.length > 0 && !aborted) {
          const text = batch.map((r) => JSON.stringify(toExportRecord(r))).join(',');
          if (!res.write(first ? text : `,${text}`)) await drain(res);
          first = false;
          await next();
        }
        res.end(']');
      } else {
        const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: false, useSharedStrings: false });
        const ws = wb.addWorksheet('分配记录');
        ws.addRow(EXPORT_COLUMNS.map(([, label]) => label)).commit();
        while (batch.length > 0 && !aborted) {
          for (const r of batch) {
            const rec = toXlsxRecord(r);
            ws.addRow(EXPORT_COLUMNS.map(([key]) => rec[key])).commit();
          }
          if (res.writableNeedDrain) await drain(res);
          await next();
        }
        ws.commit();
        await wb.commit();
      }
    } catch (e) {
      this.logger.error(`export failed mid-stream: ${e instanceof Error ? e.message : e}`);
      res.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
