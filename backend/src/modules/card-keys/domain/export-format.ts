import { createHash, type Hash } from 'node:crypto';

/** A CSV cell, quoted, with formula triggers (= + - @, tab, CR) neutralised by a leading apostrophe. */
export function csvCell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: Array<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * The export's checksum: SHA-256 over every data row's code followed by "\n", in export order. A
 * reader recomputes it from the code column and compares with the trailing row (and the count).
 */
export class ExportChecksum {
  private readonly h: Hash = createHash('sha256');
  count = 0;

  add(formattedCode: string): void {
    this.h.update(`${formattedCode}\n`);
    this.count++;
  }

  /** Same as add() for each code in order, in one hash update. */
  addMany(formattedCodes: string[]): void {
    if (!formattedCodes.length) return;
    this.h.update(`${formattedCodes.join('\n')}\n`);
    this.count += formattedCodes.length;
  }

  hex(): string {
    return this.h.digest('hex');
  }
}
