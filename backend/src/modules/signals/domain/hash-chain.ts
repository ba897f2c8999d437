import { createHash } from 'node:crypto';
import type { SignalAction } from '../strategies/types.js';

/**
 * The public hash chain over issued signals. Each trade date's signal rows are serialised to one
 * canonical string, and
 *
 *   hash(d) = sha256_hex(`${hash(previous date)}\n${d}\n${canonicalDayPayload(rows of d)}`)
 *
 * with the genesis predecessor 64 zeros. The head (latest hash) is published; anyone holding the
 * rows can recompute it, so editing, adding or removing any past row changes every later hash.
 *
 * Canonical payload (all of it is part of the contract — changing anything breaks old chains):
 * - rows sorted by tsCode, then strategyId (UTF-16 code-unit order, never locale order), then
 *   version (numeric); a duplicate (tsCode, strategyId, version) is an error;
 * - each row a JSON object with exactly these keys in this order:
 *   tsCode, strategyId, version, action, score, close, reasons;
 * - score printed with 6 decimals, close with 4, every number inside reasons with 6, as bare JSON
 *   numbers (toFixed; "-0.000000" is printed "0.000000"; non-finite → null); reasons' object keys
 *   sorted by code unit, arrays kept in order; a missing reasons is null;
 * - no whitespace; the rows joined as a JSON array.
 *
 * Hash what you store: numbers must be formatted from the values as persisted. Round score and
 * close with {@link roundForChain} before inserting (then toFixed reproduces them exactly after a
 * database round trip through numeric(·, 6/4) or float8); reasons stored as jsonb round-trip
 * doubles exactly.
 */
export const GENESIS_HASH = '0'.repeat(64);
export const SCORE_DECIMALS = 6;
export const CLOSE_DECIMALS = 4;
export const REASON_DECIMALS = 6;

export interface ChainRow {
  tsCode: string;
  strategyId: string;
  /** Strategy version (a parameter change or a new adjustment factor makes a new one). */
  version: number;
  action: SignalAction;
  score: number;
  close: number;
  reasons?: unknown;
}

/** The value a number will have after canonical formatting; store this. */
export function roundForChain(x: number, decimals: number): number {
  return Number(fixed(x, decimals));
}

function fixed(x: number, decimals: number): string {
  const s = x.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

function canonicalValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? fixed(v, REASON_DECIMALS) : 'null';
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'object': {
      if (Array.isArray(v)) return `[${v.map(canonicalValue).join(',')}]`;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalValue(o[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical payload: unsupported value of type ${typeof v}`);
  }
}

const ACTIONS = new Set<string>(['BUY', 'SELL', 'HOLD']);

function checkRow(r: ChainRow): void {
  const where = `${String(r.tsCode)}/${String(r.strategyId)}/${String(r.version)}`;
  if (typeof r.tsCode !== 'string' || r.tsCode === '') throw new TypeError(`chain row ${where}: bad tsCode`);
  if (typeof r.strategyId !== 'string' || r.strategyId === '') throw new TypeError(`chain row ${where}: bad strategyId`);
  if (!Number.isSafeInteger(r.version) || r.version < 0) throw new TypeError(`chain row ${where}: bad version`);
  if (!ACTIONS.has(r.action)) throw new TypeError(`chain row ${where}: bad action`);
  if (!Number.isFinite(r.score) || r.score < -1 || r.score > 1) throw new TypeError(`chain row ${where}: bad score`);
  if (!Number.isFinite(r.close)) throw new TypeError(`chain row ${where}: bad close`);
}

function compareRows(a: ChainRow, b: ChainRow): number {
  if (a.tsCode !== b.tsCode) return a.tsCode < b.tsCode ? -1 : 1;
  if (a.strategyId !== b.strategyId) return a.strategyId < b.strategyId ? -1 : 1;
  return a.version - b.version;
}

export function canonicalDayPayload(rows: readonly ChainRow[]): string {
  return `[${canonicalRowTexts(rows).texts.join(',')}]`;
}

/** The rows in canonical order and each one's text, as they appear in the day's payload. */
export function canonicalRowTexts(rows: readonly ChainRow[]): { sorted: ChainRow[]; texts: string[] } {
  for (const r of rows) checkRow(r);
  const sorted = [...rows].sort(compareRows);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i]!;
    if (i > 0 && compareRows(sorted[i - 1]!, r) === 0) {
      throw new TypeError(`chain rows: duplicate ${r.tsCode}/${r.strategyId}/${r.version}`);
    }
    parts.push(
      `{"tsCode":${JSON.stringify(r.tsCode)},"strategyId":${JSON.stringify(r.strategyId)},"version":${r.version},` +
        `"action":"${r.action}","score":${fixed(r.score, SCORE_DECIMALS)},"close":${fixed(r.close, CLOSE_DECIMALS)},` +
        `"reasons":${canonicalValue(r.reasons)}}`,
    );
  }
  return { sorted, texts: parts };
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD naming a real calendar day (checked in UTC, so the process time zone is irrelevant). */
export function isTradeDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

const HASH_RE = /^[0-9a-f]{64}$/;

export function chainHash(prevHash: string, tradeDate: string, canonicalPayload: string): string {
  if (!HASH_RE.test(prevHash)) throw new TypeError('chainHash: prevHash must be 64 lowercase hex digits');
  if (!isTradeDate(tradeDate)) throw new TypeError(`chainHash: bad trade date ${tradeDate}`);
  return createHash('sha256').update(`${prevHash}\n${tradeDate}\n${canonicalPayload}`, 'utf8').digest('hex');
}

export interface ChainLink {
  tradeDate: string;
  prevHash: string;
  payload: string;
  hash: string;
}

/** Links for consecutive days (ascending dates), starting after `prevHash`. */
export function buildChain(
  days: readonly { tradeDate: string; rows: readonly ChainRow[] }[],
  prevHash: string = GENESIS_HASH,
): ChainLink[] {
  const out: ChainLink[] = [];
  let prev = prevHash;
  let lastDate = '';
  for (const d of days) {
    if (d.tradeDate <= lastDate) throw new RangeError(`buildChain: ${d.tradeDate} not after ${lastDate}`);
    const payload = canonicalDayPayload(d.rows);
    const hash = chainHash(prev, d.tradeDate, payload);
    out.push({ tradeDate: d.tradeDate, prevHash: prev, payload, hash });
    prev = hash;
    lastDate = d.tradeDate;
  }
  return out;
}

/** A stored day: its rows as persisted (or an already canonical payload), its stored hash. */
export type StoredChainDay = {
  tradeDate: string;
  hash: string;
  /** When stored too, it must equal the previous day's hash (genesis for the first). */
  prevHash?: string;
} & ({ rows: readonly ChainRow[] } | { payload: string });

export interface ChainVerification {
  ok: boolean;
  /** The first trade date whose link does not verify; null when all do. */
  brokenAt: string | null;
  reason: string | null;
  /** Days verified before the break (all of them when ok). */
  verifiedDays: number;
  /** The last verified hash (the genesis predecessor when nothing verified). */
  head: string;
}

/**
 * Recomputes the chain from `genesis` over days in ascending date order and reports the first day
 * that does not verify: dates not strictly increasing, a stored prevHash that is not the previous
 * hash, rows that cannot be serialised, or a stored hash that differs from the recomputed one.
 */
export function verifyChain(days: readonly StoredChainDay[], genesis: string = GENESIS_HASH): ChainVerification {
  let prev = genesis;
  let lastDate = '';
  let verified = 0;
  const broken = (tradeDate: string, reason: string): ChainVerification => ({
    ok: false,
    brokenAt: tradeDate,
    reason,
    verifiedDays: verified,
    head: prev,
  });
  for (const d of days) {
    if (!isTradeDate(d.tradeDate)) return broken(d.tradeDate, 'bad trade date');
    if (d.tradeDate <= lastDate) return broken(d.tradeDate, `date not after ${lastDate}`);
    if (d.prevHash !== undefined && d.prevHash !== prev) return broken(d.tradeDate, 'prevHash does not match the previous hash');
    let payload: string;
    try {
      payload = 'rows' in d ? canonicalDayPayload(d.rows) : d.payload;
    } catch (e) {
      return broken(d.tradeDate, `rows: ${(e as Error).message}`);
    }
    const hash = chainHash(prev, d.tradeDate, payload);
    if (hash !== d.hash) return broken(d.tradeDate, 'hash mismatch');
    prev = hash;
    lastDate = d.tradeDate;
    verified++;
  }
  return { ok: true, brokenAt: null, reason: null, verifiedDays: verified, head: prev };
}
