import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { XlsxStreamWriter } from './xlsx-stream.js';

/** A sink that acknowledges each write on a later turn with a small buffer (exercises backpressure). */
function sink(chunks: Buffer[]) {
  const s = new Writable({
    highWaterMark: 1024,
    write(c, _e, cb) {
      chunks.push(c);
      setImmediate(cb);
    },
  });
  sinks.set(chunks, s);
  return s;
}
const sinks = new Map<Buffer[], Writable>();

async function read(chunks: Buffer[]) {
  const s = sinks.get(chunks)!;
  await new Promise((r) => s.end(r));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as never);
  return wb;
}

describe('XlsxStreamWriter', () => {
  it('writes a workbook exceljs reads back, row for row', async () => {
    const chunks: Buffer[] = [];
    const w = new XlsxStreamWriter(sink(chunks), 'keys');
    await w.start();
    await w.addRows([['code', 'n'], ['ABCD-EFGH-JKMN-PQRS', 1], ['<&"x">', 2]]);
    const many = Array.from({ length: 5000 }, (_, i) => [`row-${i}`, i] as Array<string | number>);
    await w.addRows(many);
    await w.addRows([['卡密·项目 ✓', 3]]);
    await w.addRows([['#total', 5002, 'sha256', 'abc']]);
    await w.finish();
    const ws = (await read(chunks)).getWorksheet('keys')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'code', 'n']);
    expect(ws.getRow(2).values).toEqual([undefined, 'ABCD-EFGH-JKMN-PQRS', 1]);
    expect(ws.getRow(3).values).toEqual([undefined, '<&"x">', 2]);
    expect(ws.getRow(5003).values).toEqual([undefined, 'row-4999', 4999]);
    expect(ws.getRow(5004).values).toEqual([undefined, '卡密·项目 ✓', 3]);
    expect(ws.getRow(5005).values).toEqual([undefined, '#total', 5002, 'sha256', 'abc']);
    expect(ws.rowCount).toBe(5005);
  });

  it('refers repeated values to the shared-strings table (duplicates in the list are harmless)', async () => {
    const chunks: Buffer[] = [];
    const w = new XlsxStreamWriter(sink(chunks), 'keys', { shared: ['batch-1', 'vip', 'used', 'vip', '<&>', 'unused'] });
    await w.start();
    const rows = Array.from({ length: 20_000 }, (_, i) => ['batch-1', `CODE-${i}`, 'vip', i % 3 === 0 ? 'used' : 'unused', '<&>', i]);
    await w.addRows(rows.slice(0, 7000));
    await w.addRows(rows.slice(7000));
    await w.finish();
    const xml = Buffer.concat(chunks);
    expect(xml.includes('xl/sharedStrings.xml')).toBe(true);
    const ws = (await read(chunks)).getWorksheet('keys')!;
    expect(ws.rowCount).toBe(20_000);
    expect(ws.getRow(1).values).toEqual([undefined, 'batch-1', 'CODE-0', 'vip', 'used', '<&>', 0]);
    expect(ws.getRow(2).values).toEqual([undefined, 'batch-1', 'CODE-1', 'vip', 'unused', '<&>', 1]);
    expect(ws.getRow(20_000).values).toEqual([undefined, 'batch-1', 'CODE-19999', 'vip', 'unused', '<&>', 19_999]);
  });
});
