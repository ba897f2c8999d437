/**
 * A-share stock codes in Tushare form: six digits, a dot, the exchange (`600000.SH`).
 *
 * `normalizeTsCode` accepts what people paste or export from other tools:
 *   `600000`, `sh600000`, `SH600000`, `SH.600000`, `SH 600000`, `600000.SH`, `600000.sh`, `600000SH`,
 *   `600000.XSHG` / `000001.XSHE` (JoinQuant style), full-width digits/letters/dots (`６０００００．ＳＨ`),
 *   surrounding spaces, quotes (ASCII, Chinese, back-ticks), a BOM or zero-width characters, and the
 *   Excel text-formula wrapper `="000001"`.
 *
 * Exchange when none is written, by the code's prefix:
 *   `92…` → BJ (new BSE codes), other `9…` → SH, `6…` → SH, `0…`/`3…` → SZ, `4…`/`8…` → BJ.
 *   Any other prefix (1, 2, 5, 7: funds, bonds, B-shares, subscriptions) has no inferred exchange and is
 *   rejected unless the exchange is written explicitly (`510300.SH` is accepted as written).
 *
 * Decision — an explicit exchange that contradicts the prefix (`600000.SZ`, `000001.SH`) is REJECTED
 * (`EXCHANGE_MISMATCH`), never silently corrected: `000001.SH` is the SSE Composite index while
 * `000001.SZ` is Ping An Bank, so a mismatch means the source data is wrong and a person should look.
 */

export type Exchange = 'SH' | 'SZ' | 'BJ';
export const EXCHANGES: readonly Exchange[] = ['SH', 'SZ', 'BJ'];

export type TsCodeErrorReason = 'EMPTY' | 'FORMAT' | 'EXCHANGE_MISMATCH';

export type NormalizeTsCodeResult =
  | { ok: true; tsCode: string; symbol: string; exchange: Exchange }
  | { ok: false; reason: TsCodeErrorReason; message: string; messageEn: string };

const CANONICAL = /^(\d{6})\.(SH|SZ|BJ)$/;
const EXCHANGE_ALIASES: Record<string, Exchange> = { SH: 'SH', SZ: 'SZ', BJ: 'BJ', XSHG: 'SH', XSHE: 'SZ' };
const SUFFIXED = /^(\d{6})[.\s_-]?(SH|SZ|BJ|XSHG|XSHE)$/;
const PREFIXED = /^(SH|SZ|BJ)[.\s_-]?(\d{6})$/;
const DIGITS = /^\d{6}$/;
// BOM, zero-width space/joiners, word joiner.
const INVISIBLE = /[\uFEFF\u200B-\u200D\u2060]/g;
const EDGE_JUNK = /^[\s"'`“”‘’「」『』]+|[\s"'`“”‘’「」『』]+$/g;

/** True for the canonical form only (`600000.SH`). */
export function isTsCode(value: string): boolean {
  return CANONICAL.test(value);
}

/** Exchange of a canonical ts code, or null when `tsCode` is not canonical. */
export function exchangeOf(tsCode: string): Exchange | null {
  const m = CANONICAL.exec(tsCode);
  return m ? (m[2] as Exchange) : null;
}

/** Exchange implied by a 6-digit symbol's prefix, or null when the prefix does not imply one. */
export function inferExchange(symbol: string): Exchange | null {
  if (!DIGITS.test(symbol)) return null;
  switch (symbol[0]) {
    case '6':
      return 'SH';
    case '9':
      return symbol[1] === '2' ? 'BJ' : 'SH';
    case '0':
    case '3':
      return 'SZ';
    case '4':
    case '8':
      return 'BJ';
    default:
      return null;
  }
}

function clean(input: string): string {
  let s = input.normalize('NFKC').replace(INVISIBLE, '').replace(EDGE_JUNK, '');
  // Excel "keep as text" formula: ="000001"
  if (s.startsWith('=')) s = s.slice(1).replace(EDGE_JUNK, '');
  return s.toUpperCase();
}

export function normalizeTsCode(input: string): NormalizeTsCodeResult {
  if (typeof input !== 'string') return { ok: false, reason: 'FORMAT', message: '代码必须是文本', messageEn: 'The code must be text' };
  const s = clean(input);
  if (s === '') return { ok: false, reason: 'EMPTY', message: '代码为空', messageEn: 'The code is empty' };

  let symbol: string;
  let explicit: Exchange | null = null;
  let m: RegExpExecArray | null;
  if (DIGITS.test(s)) {
    symbol = s;
  } else if ((m = SUFFIXED.exec(s))) {
    symbol = m[1]!;
    explicit = EXCHANGE_ALIASES[m[2]!]!;
  } else if ((m = PREFIXED.exec(s))) {
    symbol = m[2]!;
    explicit = EXCHANGE_ALIASES[m[1]!]!;
  } else {
    return {
      ok: false,
      reason: 'FORMAT',
      message: `无法识别的股票代码“${input.trim()}”（需要 6 位数字，如 600000 或 600000.SH）`,
      messageEn: `Not a stock code: "${input.trim()}" (6 digits expected, e.g. 600000 or 600000.SH)`,
    };
  }

  const inferred = inferExchange(symbol);
  if (explicit && inferred && explicit !== inferred) {
    return {
      ok: false,
      reason: 'EXCHANGE_MISMATCH',
      message: `${symbol} 属于 ${inferred}，与标注的交易所 ${explicit} 不符`,
      messageEn: `${symbol} is listed on ${inferred}, not on ${explicit} as written`,
    };
  }
  const exchange = explicit ?? inferred;
  if (!exchange) {
    return { ok: false, reason: 'FORMAT', message: `无法从 ${symbol} 推断交易所，请写明，如 ${symbol}.SH`, messageEn: `Cannot tell the exchange of ${symbol}; write it out, e.g. ${symbol}.SH` };
  }
  return { ok: true, tsCode: `${symbol}.${exchange}`, symbol, exchange };
}
