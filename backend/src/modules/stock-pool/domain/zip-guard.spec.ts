import { describe, expect, it } from 'vitest';
import { MAX_XLSX_UNCOMPRESSED_BYTES, parsePoolFile } from './import-parser.js';
import { zipProblem } from './zip-guard.js';
import { bigCellBomb, makeZip } from '../../../../test/setup/zip.js';

describe('zip guard (issue 10 item 4)', () => {
  it('measures the real unpacked size, also when the header lies', () => {
    const limits = { maxUncompressedBytes: 1_000_000, maxEntries: 10 };
    expect(zipProblem(makeZip([{ name: 'a.xml', data: Buffer.alloc(1000, 'x') }]), limits)).toBeNull();
    expect(zipProblem(makeZip([{ name: 'a.xml', data: Buffer.alloc(2_000_000, 'x') }]), limits)?.kind).toBe('too_large');
    expect(zipProblem(makeZip([{ name: 'a.xml', data: Buffer.alloc(2_000_000, 'x'), declare: 10 }]), limits)?.kind).toBe('too_large');
    expect(zipProblem(makeZip(Array.from({ length: 11 }, (_, i) => ({ name: `${i}.xml`, data: Buffer.from('x') }))), limits)?.kind).toBe('unsupported');
    expect(zipProblem(Buffer.from('PK\u0003\u0004 not really a zip'), limits)?.kind).toBe('unsupported');
  });

  it('an XLSX unpacking past the limit is refused before exceljs reads it', async () => {
    const bomb = bigCellBomb(MAX_XLSX_UNCOMPRESSED_BYTES + 1024);
    expect(bomb.length).toBeLessThan(200_000);
    await expect(parsePoolFile({ buffer: bomb, filename: 'bomb.xlsx' })).rejects.toMatchObject({ code: 'POOL_FILE_TOO_LARGE' });
  });
});
