import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('one column per key, quoting, nested JSON, formula injection neutralised', () => {
    const csv = toCsv([
      { a: 'x,y', b: 1, c: { d: 2 } },
      { a: '=SUM(A1)', e: null },
    ]);
    expect(csv).toBe('\uFEFFa,b,c,e\r\n"x,y",1,"{""d"":2}",\r\n"\'=SUM(A1)",,,\r\n');
  });
});
