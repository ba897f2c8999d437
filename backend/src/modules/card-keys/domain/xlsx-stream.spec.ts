import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { XlsxStreamWriter } from './xlsx-stream.js';

describe('XlsxStreamWriter', () => {
  it('writes a workbook exceljs reads back, row for row', async () => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(c, _e, cb) {
        chunks.push(c);
        cb();
      },
    });
    const w = new XlsxStreamWriter(sink, 'keys');
    await w.start();
    await w.addRows([['code', 'n'], ['ABCD-EFGH-JKMN-PQRS', 1], ['<&"x">', 2]]);
    const many = Array.from({ length: 5000 }, (_, i) => [`row-${i}`, i] as Array<string | number>);
    await w.addRows(many);
    await w.addRows([['#total', 5002, 'sha256', 'abc']]);
    await w.finish();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as never);
    const ws = wb.getWorksheet('keys')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'code', 'n']);
    expect(ws.getRow(2).values).toEqual([undefined, 'ABCD-EFGH-JKMN-PQRS', 1]);
    expect(ws.getRow(3).values).toEqual([undefined, '<&"x">', 2]);
    expect(ws.getRow(5003).values).toEqual([undefined, 'row-4999', 4999]);
    expect(ws.getRow(5004).values).toEqual([undefined, '#total', 5002, 'sha256', 'abc']);
    expect(ws.rowCount).toBe(5004);
  });
});
