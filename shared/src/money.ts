/** Money is integer fen everywhere inside; yuan only on screen. */
export function fenToYuan(fen: number): string {
  if (!Number.isInteger(fen)) throw new RangeError(`fen must be an integer, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function yuanToFen(yuan: string | number): number {
  const s = String(yuan).trim();
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) throw new RangeError(`not a yuan amount: ${yuan}`);
  const neg = s.startsWith('-');
  const [int, frac = ''] = s.replace('-', '').split('.');
  const fen = Number(int) * 100 + Number(frac.padEnd(2, '0'));
  return neg ? -fen : fen;
}
