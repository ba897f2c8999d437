/**
 * Stock-pool import: turn pasted text, a CSV file or an XLSX file into raw rows `{ line, value }`,
 * then validate them against the stock list. Pure: no Nest, no database (the stock list comes in as a
 * lookup function).
 *
 * Line numbers are what a person sees: line 1 is the first line of the file (the header when there is
 * one; for XLSX, the Excel row number). Blank lines are skipped but still counted.
 *
 * Layout detection (text and XLSX alike) looks at the first non-blank row:
 *  - if one of its cells names a code column (`ts_code`, `code`, `股票代码`, `代码`, … see
 *    CODE_HEADERS), it is a header: every later row gives `value` = that column, `name` = the name
 *    column if there is one (`name`, `名称`, `股票名称`, …);
 *  - otherwise there is no header and every row is data: the row is split into cells (CSV rules with the
 *    detected delimiter) and then on whitespace; the first token is the code, later tokens that are codes
 *    too become extra rows on the same line (`600000, 000001` pasted on one line), and the first
 *    non-code token is taken as the name (`600000 浦发银行`). `SH 600000` / `600000 SH` are joined.
 *
 * Limits (ImportLimitError): > 5 MB → POOL_FILE_TOO_LARGE (also for pasted text, by UTF-8 bytes);
 * > 10,000 data rows → POOL_TOO_MANY_ROWS; anything that is not UTF-8/UTF-16/GB18030 text or XLSX
 * → POOL_FILE_UNSUPPORTED (legacy .xls included).
 */
import ExcelJS from 'exceljs';
import { zipProblem } from './zip-guard.js';
import { normalizeTsCode } from '@zhice/shared';

export const POOL_IMPORT_LIMITS = { maxFileBytes: 5 * 1024 * 1024, maxDataRows: 10_000 } as const;
/** An XLSX may unpack to at most this much (10,000 rows of codes and names are ~1 MB of XML). */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 16 * 1024 * 1024;
/** No cell value is echoed back longer than this (a code or a name is far shorter). */
export const MAX_ECHO_CHARS = 64;
const clip = (s: string) => (s.length > MAX_ECHO_CHARS ? `${s.slice(0, MAX_ECHO_CHARS)}…` : s);
export interface ImportLimits {
  maxFileBytes: number;
  maxDataRows: number;
}

export type ImportLimitCode = 'POOL_FILE_TOO_LARGE' | 'POOL_TOO_MANY_ROWS' | 'POOL_FILE_UNSUPPORTED';

export class ImportLimitError extends Error {
  override readonly name = 'ImportLimitError';
  constructor(
    readonly code: ImportLimitCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface RawPoolRow {
  /** 1-based line (text) or row (XLSX) number as seen in the file. */
  line: number;
  /** The code cell as written (whitespace-trimmed), not yet normalised. */
  value: string;
  /** Name from the file, if any (informational; the stock list's name wins). */
  name?: string;
}

export interface ParsedPoolImport {
  format: 'text' | 'csv' | 'xlsx';
  /** Present when a header row was recognised. */
  header: { line: number; codeColumn: string; nameColumn: string | null } | null;
  rows: RawPoolRow[];
}

// Header names, compared after NFKC + lower-case + removing spaces/quotes/BOM. Earlier = preferred.
const CODE_HEADERS = [
  'ts_code', 'tscode', 'ts代码', 'code', 'stock_code', 'stockcode', 'stock code', 'sec_code', 'seccode',
  '股票代码', '证券代码', '代码', 'symbol', '股票', '证券',
].map(norm);
const NAME_HEADERS = ['name', 'stock_name', 'stockname', '股票名称', '证券名称', '名称', '股票简称', '证券简称', '简称'].map(norm);

function norm(s: string): string {
  return s.normalize('NFKC').replace(/[\uFEFF\u200B-\u200D\u2060"'`“”‘’\s]/g, '').toLowerCase();
}

function limitsOf(l?: Partial<ImportLimits>): ImportLimits {
  return { ...POOL_IMPORT_LIMITS, ...l };
}

function tooLarge(bytes: number, limits: ImportLimits): ImportLimitError {
  return new ImportLimitError(
    'POOL_FILE_TOO_LARGE',
    `文件过大（${(bytes / 1024 / 1024).toFixed(1)} MB，上限 ${limits.maxFileBytes / 1024 / 1024} MB）`,
    { bytes, maxBytes: limits.maxFileBytes },
  );
}

function unsupported(message: string): ImportLimitError {
  return new ImportLimitError('POOL_FILE_UNSUPPORTED', message);
}

// ---------------------------------------------------------------------------------------------------
// Row sink: header detection, blank skipping, row limit — shared by text and XLSX.

class RowCollector {
  readonly rows: RawPoolRow[] = [];
  header: ParsedPoolImport['header'] = null;
  private decided = false;
  private codeIdx = -1;
  private nameIdx = -1;

  constructor(private readonly limits: ImportLimits) {}

  /** `cells` indexed by column (0-based); sparse/undefined cells are empty. */
  add(line: number, cells: readonly (string | undefined)[]): void {
    const trimmed = cells.map((c) => (c ?? '').trim());
    if (trimmed.every((c) => norm(c) === '')) return; // blank line (or only delimiters)

    if (!this.decided) {
      this.decided = true;
      if (this.detectHeader(line, trimmed)) return;
    }
    if (this.header) {
      const value = trimmed[this.codeIdx] ?? '';
      const name = this.nameIdx >= 0 ? trimmed[this.nameIdx] : undefined;
      this.push(name ? { line, value, name } : { line, value });
    } else {
      this.addHeaderless(line, trimmed);
    }
  }

  private detectHeader(line: number, cells: string[]): boolean {
    const keys = cells.map(norm);
    let best = -1;
    let bestRank = Infinity;
    keys.forEach((k, i) => {
      const rank = CODE_HEADERS.indexOf(k);
      if (rank >= 0 && rank < bestRank) {
        best = i;
        bestRank = rank;
      }
    });
    if (best < 0) return false;
    let nameIdx = -1;
    let nameRank = Infinity;
    keys.forEach((k, i) => {
      const rank = NAME_HEADERS.indexOf(k);
      if (i !== best && rank >= 0 && rank < nameRank) {
        nameIdx = i;
        nameRank = rank;
      }
    });
    this.codeIdx = best;
    this.nameIdx = nameIdx;
    this.header = { line, codeColumn: cells[best]!, nameColumn: nameIdx >= 0 ? cells[nameIdx]! : null };
    return true;
  }

  private addHeaderless(line: number, cells: string[]): void {
    const raw = cells.flatMap((c) => c.split(/[\s\u3000]+/)).filter((t) => norm(t) !== '');
    // Join a lone exchange token with its 6-digit neighbour: "SH 600000", "600000 SH".
    const tokens: string[] = [];
    for (let i = 0; i < raw.length; i++) {
      const t = raw[i]!;
      const next = raw[i + 1];
      if (next !== undefined && isExchangeToken(t) && isSixDigits(next)) {
        tokens.push(`${t}${next}`);
        i++;
      } else if (next !== undefined && isSixDigits(t) && isExchangeToken(next)) {
        tokens.push(`${t}.${next}`);
        i++;
      } else {
        tokens.push(t);
      }
    }
    const [first, ...rest] = tokens;
    if (first === undefined) return;
    const extra: string[] = [];
    let name: string | undefined;
    for (const t of rest) {
      if (normalizeTsCode(t).ok) extra.push(t);
      else name ??= t;
    }
    this.push(name ? { line, value: first, name } : { line, value: first });
    for (const v of extra) this.push({ line, value: v });
  }

  private push(row: RawPoolRow): void {
    if (this.rows.length >= this.limits.maxDataRows) {
      throw new ImportLimitError(
        'POOL_TOO_MANY_ROWS',
        `数据行过多（上限 ${this.limits.maxDataRows} 行）`,
        { maxRows: this.limits.maxDataRows, atLine: row.line },
      );
    }
    // Bounded echo: a huge cell comes back as its first characters, never whole.
    this.rows.push(row.name === undefined ? { line: row.line, value: clip(row.value) } : { line: row.line, value: clip(row.value), name: clip(row.name) });
  }
}

function isExchangeToken(t: string): boolean {
  return /^(SH|SZ|BJ)$/i.test(t.normalize('NFKC'));
}
function isSixDigits(t: string): boolean {
  return /^\d{6}$/.test(t.normalize('NFKC'));
}

// ---------------------------------------------------------------------------------------------------
// Text / CSV

/** Delimiter from the first non-blank line: tab, then comma (ASCII or full-width), then semicolon. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
  for (const d of ['\t', ',', '，', ';', '；']) if (firstLine.includes(d)) return d;
  return ',';
}

/**
 * RFC 4180-ish records: `"` quotes, `""` escapes, delimiters and line breaks inside quotes. Each
 * record reports the line it starts on; \r\n, \n and \r each end a line. Returns false when the text
 * ends inside an open quote (the caller then re-reads it with `quotes` off, so one stray `"` cannot
 * swallow the rest of the file).
 */
function forEachRecord(
  text: string,
  delim: string,
  quotes: boolean,
  cb: (line: number, cells: string[]) => void,
): boolean {
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  let cellStart = true; // a quote only opens quoting at the start of a cell
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        cell += ch;
      }
      continue;
    }
    if (quotes && ch === '"' && cellStart && cell.trim() === '') {
      inQuotes = true;
      cell = '';
      cellStart = false;
      continue;
    }
    if (ch === delim) {
      cells.push(cell);
      cell = '';
      cellStart = true;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      cb(recordLine, cells);
      cells = [];
      cell = '';
      cellStart = true;
      line++;
      recordLine = line;
      continue;
    }
    cell += ch;
    if (ch.trim() !== '') cellStart = false;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    cb(recordLine, cells);
  }
  return !inQuotes;
}

function parseDelimited(text: string, format: 'text' | 'csv', limits: ImportLimits): ParsedPoolImport {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delim = detectDelimiter(body);
  let collector = new RowCollector(limits);
  if (!forEachRecord(body, delim, true, (line, cells) => collector.add(line, cells))) {
    collector = new RowCollector(limits);
    forEachRecord(body, delim, false, (line, cells) => collector.add(line, cells));
  }
  return { format, header: collector.header, rows: collector.rows };
}

/** Pasted text: one code per line, or CSV/TSV with a header row. */
export function parsePoolText(text: string, limits?: Partial<ImportLimits>): ParsedPoolImport {
  const l = limitsOf(limits);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > l.maxFileBytes) throw tooLarge(bytes, l);
  return parseDelimited(text, 'text', l);
}

/**
 * Bytes → text: UTF-8 (BOM optional), UTF-16 with BOM (Excel "Unicode text"), else GB18030 (a superset
 * of GBK, what Excel on Chinese Windows writes for "CSV"). Throws POOL_FILE_UNSUPPORTED for binary.
 */
export function decodeTextBuffer(buf: Uint8Array): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  if (body.includes(0)) throw unsupported('文件不是文本（CSV）格式');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(body);
    } catch {
      throw unsupported('无法识别文件编码（支持 UTF-8 / GBK）');
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// XLSX

/** Text of an exceljs cell value. Integers below 1,000,000 get their leading zeros back (Excel drops them). */
function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    return Number.isInteger(v) && v >= 0 && v < 1_000_000 ? String(v).padStart(6, '0') : String(v);
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result);
  if ('hyperlink' in v) return cellText((v as { text?: ExcelJS.CellValue }).text);
  if ('error' in v) return String(v.error);
  return '';
}

async function parseXlsx(buf: Uint8Array, limits: ImportLimits): Promise<ParsedPoolImport> {
  // Unpacked size and entry count first, with bounded inflation: a bomb stops here in milliseconds.
  const problem = zipProblem(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), { maxUncompressedBytes: MAX_XLSX_UNCOMPRESSED_BYTES, maxEntries: 500 });
  if (problem?.kind === 'too_large') {
    throw new ImportLimitError('POOL_FILE_TOO_LARGE', `XLSX 解压后过大（上限 ${MAX_XLSX_UNCOMPRESSED_BYTES / 1024 / 1024} MB）`, { maxUncompressedBytes: MAX_XLSX_UNCOMPRESSED_BYTES });
  }
  if (problem) throw unsupported(`无法读取 XLSX 文件（${problem.reason}）`);
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` type; a Node Buffer is what it actually reads.
    await wb.xlsx.load(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw unsupported('无法读取 XLSX 文件');
  }
  const ws = wb.worksheets[0];
  const collector = new RowCollector(limits);
  if (ws) {
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = cellText(cell.value);
      });
      collector.add(rowNumber, Array.from(cells, (c) => c ?? ''));
    });
  }
  return { format: 'xlsx', header: collector.header, rows: collector.rows };
}

// ---------------------------------------------------------------------------------------------------
// Files

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TEXT_EXT = new Set(['csv', 'txt', 'tsv']);

export interface PoolImportFile {
  buffer: Uint8Array;
  /** Original file name (used for the extension only). */
  filename?: string;
  mimeType?: string;
}

/**
 * CSV or XLSX upload. Type is decided by content first (ZIP magic → XLSX, OLE magic → legacy .xls →
 * unsupported), then by extension/MIME: `.xlsx`/`.xlsm` must be ZIP; `.csv`/`.txt`/`.tsv`/`text/*` or
 * no extension is decoded as text; any other extension is unsupported.
 */
export async function parsePoolFile(file: PoolImportFile, limits?: Partial<ImportLimits>): Promise<ParsedPoolImport> {
  const l = limitsOf(limits);
  const buf = file.buffer;
  if (buf.byteLength > l.maxFileBytes) throw tooLarge(buf.byteLength, l);

  const ext = /\.([^./\\]+)$/.exec(file.filename ?? '')?.[1]?.toLowerCase() ?? '';
  const mime = (file.mimeType ?? '').toLowerCase();
  const isZip = buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
  const isOle = buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0;

  if (isOle || ext === 'xls') throw unsupported('不支持旧版 .xls，请另存为 .xlsx 或 .csv');
  if (ext === 'xlsx' || ext === 'xlsm' || mime === XLSX_MIME || (isZip && (ext === '' || TEXT_EXT.has(ext)))) {
    if (!isZip) throw unsupported('文件扩展名为 .xlsx，但内容不是 XLSX');
    return parseXlsx(buf, l);
  }
  if (isZip) throw unsupported(`不支持的文件类型 .${ext}`);
  if (TEXT_EXT.has(ext) || ext === '' || mime.startsWith('text/') || mime === 'application/csv') {
    return parseDelimited(decodeTextBuffer(buf), 'csv', l);
  }
  throw unsupported(`不支持的文件类型 .${ext}（支持 CSV / XLSX / 文本）`);
}

// ---------------------------------------------------------------------------------------------------
// Validation

export type StockStatus = 'listed' | 'delisted' | 'suspended';
export type StockLookup = (tsCode: string) => { name: string; status: StockStatus } | undefined;

export type PoolRowInvalidReason = 'FORMAT' | 'UNKNOWN' | 'DELISTED' | 'DUPLICATE';

export interface PoolRowValid {
  line: number;
  tsCode: string;
  name: string;
  /** 'suspended' is valid for the pool; the allocator skips it while suspended. */
  status: Exclude<StockStatus, 'delisted'>;
}

export interface PoolRowInvalid {
  line: number;
  value: string;
  reason: PoolRowInvalidReason;
  /** zh-CN; `messageEn` is the English form (the API answers one of them by Accept-Language). */
  message: string;
  messageEn: string;
  /** Normalised code when the value was well-formed. */
  tsCode?: string;
  /** For DUPLICATE: the line of the first occurrence. */
  duplicateOf?: number;
}

export interface PoolValidationReport {
  valid: PoolRowValid[];
  invalid: PoolRowInvalid[];
}

/**
 * Checks, in this order, per row: FORMAT (cannot normalise, incl. exchange mismatch) → DUPLICATE (the
 * normalised code already appeared on an earlier well-formed row, whatever that row's verdict) →
 * UNKNOWN (not in the stock list) → DELISTED. So each distinct code is judged once, on its first line,
 * and repeats point back to it. Output keeps input order.
 */
export function validatePoolRows(rows: readonly RawPoolRow[], lookup: StockLookup): PoolValidationReport {
  const valid: PoolRowValid[] = [];
  const invalid: PoolRowInvalid[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const n = normalizeTsCode(row.value);
    if (!n.ok) {
      invalid.push({ line: row.line, value: row.value, reason: 'FORMAT', message: n.message, messageEn: n.messageEn });
      continue;
    }
    const tsCode = n.tsCode;
    const seen = firstLine.get(tsCode);
    if (seen !== undefined) {
      invalid.push({
        line: row.line,
        value: row.value,
        reason: 'DUPLICATE',
        message: `${tsCode} 与第 ${seen} 行重复`,
        messageEn: `${tsCode} repeats line ${seen}`,
        tsCode,
        duplicateOf: seen,
      });
      continue;
    }
    firstLine.set(tsCode, row.line);
    const stock = lookup(tsCode);
    if (!stock) {
      invalid.push({ line: row.line, value: row.value, reason: 'UNKNOWN', message: `股票列表中没有 ${tsCode}`, messageEn: `${tsCode} is not in the stock list`, tsCode });
    } else if (stock.status === 'delisted') {
      invalid.push({
        line: row.line,
        value: row.value,
        reason: 'DELISTED',
        message: `${tsCode} ${stock.name} 已退市`,
        messageEn: `${tsCode} ${stock.name} is delisted`,
        tsCode,
      });
    } else {
      valid.push({ line: row.line, tsCode, name: stock.name, status: stock.status });
    }
  }
  return { valid, invalid };
}
