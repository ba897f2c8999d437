import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, ExportChecksum } from './export-format.js';

describe('export format', () => {
  it('neutralises formula injection', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+86')).toBe("'+86");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('ABCD-EFGH-JKMN-PQRS')).toBe('ABCD-EFGH-JKMN-PQRS');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });

  it('checksums the codes in order', () => {
    const c = new ExportChecksum();
    c.add('A');
    c.add('B');
    expect(c.count).toBe(2);
    expect(c.hex()).toBe(createHash('sha256').update('A\nB\n').digest('hex'));
  });

  it('checksums a page of codes at once exactly like one by one', () => {
    const c = new ExportChecksum();
    c.add('A');
    c.addMany([]);
    c.addMany(['B', 'C']);
    expect(c.count).toBe(3);
    expect(c.hex()).toBe(createHash('sha256').update('A\nB\nC\n').digest('hex'));
  });
});
