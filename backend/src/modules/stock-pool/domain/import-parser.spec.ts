import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  ImportLimitError,
  parsePoolFile,
  parsePoolText,
  validatePoolRows,
  type StockLookup,
  type StockStatus,
} from './import-parser.js';

const STOCKS: Record<string, [string, StockStatus]> = {
  '600000.SH': ['浦发银行', 'listed'],
  '000001.SZ': ['平安银行', 'listed'],
  '600036.SH': ['招商银行', 'listed'],
  '601318.SH': ['中国平安', 'listed'],
  '300750.SZ': ['宁德时代', 'suspended'],
  '430047.BJ': ['诺思兰德', 'listed'],
  '920118.BJ': ['太湖远大', 'listed'],
  '600087.SH': ['退市长油', 'delisted'],
  '600519.SH': ['贵州茅台', 'listed'],
  '000858.SZ': ['五粮液', 'listed'],
};
const lookup: StockLookup = (ts) => {
  const s = STOCKS[ts];
  return s && { name: s[0], status: s[1] };
};

async function limitError(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof ImportLimitError) return e.code;
    throw e;
  }
  return 'no error';
}

// A messy CSV as Excel and people produce it: BOM, CRLF, blank lines, full-width, lower-case prefixes,
// quotes, duplicates, unknown and delisted codes, a quoted multi-line cell.
const MESSY_CSV = [
  '\uFEFF股票代码,股票名称', //   1 header
  '600000,浦发银行', //           2 valid
  '', //                          3 blank
  'sz000001,平安银行', //         4 valid
  '  ６０００３６．ＳＨ ,招商银行', // 5 valid (full-width)
  '600000.sh,浦发银行', //        6 DUPLICATE of 2
  '"SH.601318","中国平安"', //    7 valid
  '999999,不存在', //             8 UNKNOWN
  '12345,短', //                  9 FORMAT
  '600001.SZ,错', //             10 FORMAT (exchange mismatch)
  '600087,退市长油', //          11 DELISTED
  '   ', //                      12 blank
  '300750 ,宁德时代', //         13 valid (suspended)
  'bj430047,诺思兰德', //        14 valid
  '920118,', //                  15 valid
  "'000001',平安银行", //        16 DUPLICATE of 4
  ',缺代码', //                  17 FORMAT (empty)
  ',,', //                       18 blank
  '"600519","贵州""茅台"""', //  19 valid
  '"000858","五粮液', //          20 valid (cell continues on 21)
  '多行备注"', //                21
  'sh600036', //                 22 DUPLICATE of 5
  '',
].join('\r\n');

const EXPECTED_REPORT = {
  valid: [
    { line: 2, tsCode: '600000.SH', name: '浦发银行', status: 'listed' },
    { line: 4, tsCode: '000001.SZ', name: '平安银行', status: 'listed' },
    { line: 5, tsCode: '600036.SH', name: '招商银行', status: 'listed' },
    { line: 7, tsCode: '601318.SH', name: '中国平安', status: 'listed' },
    { line: 13, tsCode: '300750.SZ', name: '宁德时代', status: 'suspended' },
    { line: 14, tsCode: '430047.BJ', name: '诺思兰德', status: 'listed' },
    { line: 15, tsCode: '920118.BJ', name: '太湖远大', status: 'listed' },
    { line: 19, tsCode: '600519.SH', name: '贵州茅台', status: 'listed' },
    { line: 20, tsCode: '000858.SZ', name: '五粮液', status: 'listed' },
  ],
  invalid: [
    { line: 6, value: '600000.sh', reason: 'DUPLICATE', tsCode: '600000.SH', duplicateOf: 2, message: '600000.SH 与第 2 行重复', messageEn: '600000.SH repeats line 2' },
    { line: 8, value: '999999', reason: 'UNKNOWN', tsCode: '999999.SH', message: '股票列表中没有 999999.SH', messageEn: '999999.SH is not in the stock list' },
    { line: 9, value: '12345', reason: 'FORMAT', message: expect.stringContaining('6 位数字'), messageEn: expect.stringContaining('6 digits') },
    { line: 10, value: '600001.SZ', reason: 'FORMAT', message: '600001 属于 SH，与标注的交易所 SZ 不符', messageEn: '600001 is listed on SH, not on SZ as written' },
    { line: 11, value: '600087', reason: 'DELISTED', tsCode: '600087.SH', message: '600087.SH 退市长油 已退市', messageEn: '600087.SH 退市长油 is delisted' },
    { line: 16, value: "'000001'", reason: 'DUPLICATE', tsCode: '000001.SZ', duplicateOf: 4, message: '000001.SZ 与第 4 行重复', messageEn: '000001.SZ repeats line 4' },
    { line: 17, value: '', reason: 'FORMAT', message: '代码为空', messageEn: 'The code is empty' },
    { line: 22, value: 'sh600036', reason: 'DUPLICATE', tsCode: '600036.SH', duplicateOf: 5, message: '600036.SH 与第 5 行重复', messageEn: '600036.SH repeats line 5' },
  ],
};

describe('parse + validate: messy CSV', () => {
  it('pasted text → exact rows', () => {
    const parsed = parsePoolText(MESSY_CSV);
    expect(parsed.format).toBe('text');
    expect(parsed.header).toEqual({ line: 1, codeColumn: '股票代码', nameColumn: '股票名称' });
    expect(parsed.rows).toEqual([
      { line: 2, value: '600000', name: '浦发银行' },
      { line: 4, value: 'sz000001', name: '平安银行' },
      { line: 5, value: '６０００３６．ＳＨ', name: '招商银行' },
      { line: 6, value: '600000.sh', name: '浦发银行' },
      { line: 7, value: 'SH.601318', name: '中国平安' },
      { line: 8, value: '999999', name: '不存在' },
      { line: 9, value: '12345', name: '短' },
      { line: 10, value: '600001.SZ', name: '错' },
      { line: 11, value: '600087', name: '退市长油' },
      { line: 13, value: '300750', name: '宁德时代' },
      { line: 14, value: 'bj430047', name: '诺思兰德' },
      { line: 15, value: '920118' },
      { line: 16, value: "'000001'", name: '平安银行' },
      { line: 17, value: '', name: '缺代码' },
      { line: 19, value: '600519', name: '贵州"茅台"' },
      { line: 20, value: '000858', name: '五粮液\r\n多行备注' },
      { line: 22, value: 'sh600036' },
    ]);
  });

  it('pasted text → exact report', () => {
    expect(validatePoolRows(parsePoolText(MESSY_CSV).rows, lookup)).toEqual(EXPECTED_REPORT);
  });

  it('UTF-8 CSV file with BOM → same report', async () => {
    const buffer = Buffer.from(MESSY_CSV, 'utf8');
    expect(buffer.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const parsed = await parsePoolFile({ buffer, filename: 'pool.csv', mimeType: 'text/csv' });
    expect(parsed.format).toBe('csv');
    expect(validatePoolRows(parsed.rows, lookup)).toEqual(EXPECTED_REPORT);
  });

  it('UTF-8 CSV file without BOM, no file name → same report', async () => {
    const parsed = await parsePoolFile({ buffer: Buffer.from(MESSY_CSV.slice(1), 'utf8') });
    expect(validatePoolRows(parsed.rows, lookup)).toEqual(EXPECTED_REPORT);
  });
});

describe('pasted text without a header', () => {
  it('one code per line, with the usual noise', () => {
    const text = [
      '600000', //              1
      'sh600001', //            2 unknown
      '', //                    3
      '６０００３６', //         4
      '600000 浦发银行', //     5 duplicate
      'SH 601318', //           6
      '600519, 000858', //      7 two codes on one line
      '\t300750\t宁德时代', //  8
      '600000.SZ', //           9 mismatch
    ].join('\n');
    const parsed = parsePoolText(text);
    expect(parsed.header).toBeNull();
    expect(parsed.rows).toEqual([
      { line: 1, value: '600000' },
      { line: 2, value: 'sh600001' },
      { line: 4, value: '６０００３６' },
      { line: 5, value: '600000', name: '浦发银行' },
      { line: 6, value: 'SH601318' },
      { line: 7, value: '600519' },
      { line: 7, value: '000858' },
      { line: 8, value: '300750', name: '宁德时代' },
      { line: 9, value: '600000.SZ' },
    ]);
    const report = validatePoolRows(parsed.rows, lookup);
    expect(report.valid.map((v) => [v.line, v.tsCode])).toEqual([
      [1, '600000.SH'],
      [4, '600036.SH'],
      [6, '601318.SH'],
      [7, '600519.SH'],
      [7, '000858.SZ'],
      [8, '300750.SZ'],
    ]);
    expect(report.invalid.map((v) => [v.line, v.reason])).toEqual([
      [2, 'UNKNOWN'],
      [5, 'DUPLICATE'],
      [9, 'FORMAT'],
    ]);
  });

  it('counts \\r and \\r\\n line ends as a person does', () => {
    expect(parsePoolText('600000\r\n\r\n000001\r600036\n\n601318').rows.map((r) => r.line)).toEqual([1, 3, 4, 6]);
  });

  it('a stray quote does not swallow the rest of the file', () => {
    expect(parsePoolText('"600000\n000001\n600036').rows.map((r) => [r.line, r.value])).toEqual([
      [1, '"600000'],
      [2, '000001'],
      [3, '600036'],
    ]);
  });

  it('TSV with an English header (tushare export)', () => {
    const parsed = parsePoolText('ts_code\tsymbol\tname\n600000.SH\t600000\t浦发银行\n');
    expect(parsed.header).toEqual({ line: 1, codeColumn: 'ts_code', nameColumn: 'name' });
    expect(parsed.rows).toEqual([{ line: 2, value: '600000.SH', name: '浦发银行' }]);
  });
});

describe('other encodings', () => {
  it('GBK CSV (Excel on Chinese Windows)', async () => {
    // "股票代码,股票名称\r\n600000,浦发银行\r\n000001,平安银行\r\n" in GBK
    const gbk = Buffer.from(
      'b9c9c6b1b4fac2eb2cb9c9c6b1c3fbb3c60d0a3630303030302cc6d6b7a2d2f8d0d00d0a3030303030312cc6bdb0b2d2f8d0d00d0a',
      'hex',
    );
    const parsed = await parsePoolFile({ buffer: gbk, filename: '股票池.CSV' });
    expect(parsed.header).toEqual({ line: 1, codeColumn: '股票代码', nameColumn: '股票名称' });
    expect(parsed.rows).toEqual([
      { line: 2, value: '600000', name: '浦发银行' },
      { line: 3, value: '000001', name: '平安银行' },
    ]);
  });

  it('UTF-16LE with BOM (Excel "Unicode text")', async () => {
    const body = Buffer.from('代码\t名称\r\n600000\t浦发银行\r\n', 'utf16le');
    const parsed = await parsePoolFile({ buffer: Buffer.concat([Buffer.from([0xff, 0xfe]), body]), filename: 'x.txt' });
    expect(parsed.rows).toEqual([{ line: 2, value: '600000', name: '浦发银行' }]);
  });
});

describe('XLSX', () => {
  async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    return Buffer.from((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer);
  }

  it('first sheet, header in any column, numbers get their leading zeros back', async () => {
    const buffer = await xlsx((wb) => {
      const ws = wb.addWorksheet('股票池');
      ws.getRow(1).values = ['名称', '股票代码'];
      ws.getRow(2).values = ['浦发银行', 600000];
      ws.getRow(3).values = ['平安银行', 1]; // Excel dropped the zeros of 000001
      // row 4 left empty
      ws.getRow(5).values = ['招商银行', { richText: [{ text: 'sh' }, { text: '600036', font: { bold: true } }] }];
      ws.getRow(6).values = ['重复', '600000.SH'];
      ws.getRow(7).values = ['公式', { formula: '"300"&"750"', result: '300750' }];
      ws.getRow(8).values = ['未知', '688999'];
      ws.getRow(9).values = ['坏', 'abc'];
      ws.getRow(10).values = ['全角', '６０１３１８'];
      wb.addWorksheet('其他').addRow(['代码', '000858']);
    });
    const parsed = await parsePoolFile({ buffer, filename: 'pool.xlsx' });
    expect(parsed.format).toBe('xlsx');
    expect(parsed.header).toEqual({ line: 1, codeColumn: '股票代码', nameColumn: '名称' });
    expect(parsed.rows).toEqual([
      { line: 2, value: '600000', name: '浦发银行' },
      { line: 3, value: '000001', name: '平安银行' },
      { line: 5, value: 'sh600036', name: '招商银行' },
      { line: 6, value: '600000.SH', name: '重复' },
      { line: 7, value: '300750', name: '公式' },
      { line: 8, value: '688999', name: '未知' },
      { line: 9, value: 'abc', name: '坏' },
      { line: 10, value: '６０１３１８', name: '全角' },
    ]);
    const report = validatePoolRows(parsed.rows, lookup);
    expect(report.valid.map((v) => [v.line, v.tsCode, v.name])).toEqual([
      [2, '600000.SH', '浦发银行'],
      [3, '000001.SZ', '平安银行'],
      [5, '600036.SH', '招商银行'],
      [7, '300750.SZ', '宁德时代'],
      [10, '601318.SH', '中国平安'],
    ]);
    expect(report.invalid.map((v) => [v.line, v.reason])).toEqual([
      [6, 'DUPLICATE'],
      [8, 'UNKNOWN'],
      [9, 'FORMAT'],
    ]);
  });

  it('without a header, and detected by content when the name has no extension', async () => {
    const buffer = await xlsx((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getCell('A2').value = 'sz000001';
      ws.getCell('B4').value = 600000;
    });
    const parsed = await parsePoolFile({ buffer });
    expect(parsed.header).toBeNull();
    expect(parsed.rows).toEqual([
      { line: 2, value: 'sz000001' },
      { line: 4, value: '600000' },
    ]);
  });

  it('more than 10,000 data rows → POOL_TOO_MANY_ROWS', async () => {
    const buffer = await xlsx((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['code']);
      for (let i = 0; i < 10_001; i++) ws.addRow([600000 + (i % 5000)]);
    });
    expect(await limitError(parsePoolFile({ buffer, filename: 'big.xlsx' }))).toBe('POOL_TOO_MANY_ROWS');
  });
});

describe('limits and unsupported input', () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => String(600000 + i)).join('\n');

  it('10,000 data rows are fine, 10,001 are not (header and blank lines do not count)', async () => {
    expect(parsePoolText(lines(10_000)).rows).toHaveLength(10_000);
    expect(parsePoolText(`code\n\n${lines(10_000)}\n\n`).rows).toHaveLength(10_000);
    expect(await limitError(() => parsePoolText(lines(10_001)))).toBe('POOL_TOO_MANY_ROWS');
    expect(await limitError(parsePoolFile({ buffer: Buffer.from(`code\n${lines(10_001)}`), filename: 'a.csv' }))).toBe(
      'POOL_TOO_MANY_ROWS',
    );
  });

  it('> 5 MB → POOL_FILE_TOO_LARGE (files and pasted text)', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
    expect(await limitError(parsePoolFile({ buffer: big, filename: 'a.csv' }))).toBe('POOL_FILE_TOO_LARGE');
    expect(await limitError(() => parsePoolText(big.toString('utf8')))).toBe('POOL_FILE_TOO_LARGE');
    const exactly = Buffer.alloc(5 * 1024 * 1024, 0x20);
    expect((await parsePoolFile({ buffer: exactly, filename: 'a.csv' })).rows).toEqual([]);
  });

  it.each([
    ['a.pdf', Buffer.from('%PDF-1.4 ...')],
    ['a.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])],
    ['renamed.csv', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])],
    ['a.xlsx', Buffer.from('600000\n')],
    ['a.xlsx', Buffer.from('PK\u0003\u0004 not really a zip')],
    ['a.docx', Buffer.from('PK\u0003\u0004')],
    ['a.csv', Buffer.from([0x36, 0x30, 0x00, 0x01, 0x02])],
  ])('%s → POOL_FILE_UNSUPPORTED', async (filename, buffer) => {
    expect(await limitError(parsePoolFile({ buffer, filename }))).toBe('POOL_FILE_UNSUPPORTED');
  });

  it('ImportLimitError carries its code', () => {
    const e = new ImportLimitError('POOL_TOO_MANY_ROWS', 'x');
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('POOL_TOO_MANY_ROWS');
  });
});
