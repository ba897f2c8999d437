import { formatShanghai, shanghaiStamp } from '@zhice/shared';
import type { Response } from 'express';
import ExcelJS from 'exceljs';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One column of an export: its header (what the operator reads) and the cell of a row. */
export interface XlsxColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | Date | null | undefined;
}

export interface XlsxExport<T> {
  /** File name stem: `users` → `users-20260302-100000.xlsx` (Asia/Shanghai). */
  name: string;
  sheet: string;
  columns: readonly XlsxColumn<T>[];
  /** The rows in batches (keyset reads); the first batch is awaited before any header goes out. */
  batches: AsyncIterable<T[]>;
  now: Date;
}

/** A cell as written: instants on the Asia/Shanghai wall clock with their offset, never UTC text. */
export function xlsxCell(v: string | number | boolean | Date | null | undefined): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  return v instanceof Date ? formatShanghai(v) : v;
}

/**
 * Streams a list as an XLSX workbook (exceljs streaming writer, inline strings, no styles), batch
 * by batch, waiting for the socket to drain, so memory stays flat whatever the row count. A failure
 * before the first batch still gets the standard error envelope (nothing was sent yet).
 */
export async function sendXlsx<T>(res: Response, x: XlsxExport<T>): Promise<void> {
  const it = x.batches[Symbol.asyncIterator]();
  let next = await it.next();
  res.status(200);
  res.setHeader('Content-Type', XLSX_MIME);
  res.setHeader('Content-Disposition', `attachment; filename="${x.name}-${shanghaiStamp(x.now)}.xlsx"`);
  res.setHeader('Cache-Control', 'no-store');
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: false, useSharedStrings: false });
    const ws = wb.addWorksheet(x.sheet);
    ws.addRow(x.columns.map((c) => c.header)).commit();
    while (!next.done && !res.destroyed) {
      for (const row of next.value) ws.addRow(x.columns.map((c) => xlsxCell(c.value(row)))).commit();
      if (res.writableNeedDrain) await drain(res);
      next = await it.next();
    }
    ws.commit();
    await wb.commit();
  } catch (e) {
    res.destroy(e instanceof Error ? e : new Error(String(e)));
  }
}

/** Pages of a `find(page)` source until a short page: for lists read through their paged method. */
export async function* pagesOf<T>(find: (page: number, pageSize: number) => Promise<{ items: T[] }>, pageSize = 100, maxRows = 100_000): AsyncIterable<T[]> {
  for (let page = 1; (page - 1) * pageSize < maxRows; page++) {
    const { items } = await find(page, pageSize);
    if (items.length > 0) yield items;
    if (items.length < pageSize) return;
  }
}

/** Resolves on 'drain' or 'close', removing both listeners. */
export function drain(res: Response): Promise<void> {
  if (res.destroyed || !res.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
