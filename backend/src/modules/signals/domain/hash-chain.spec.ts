import { describe, expect, it } from 'vitest';
import {
  buildChain,
  canonicalDayPayload,
  chainHash,
  GENESIS_HASH,
  isTradeDate,
  roundForChain,
  verifyChain,
  type ChainRow,
} from './hash-chain.js';

const row = (tsCode: string, strategyId: string, version: number, action: ChainRow['action'], score: number, close: number, reasons?: unknown): ChainRow => ({
  tsCode,
  strategyId,
  version,
  action,
  score,
  close,
  ...(reasons === undefined ? {} : { reasons }),
});

describe('canonicalDayPayload', () => {
  it('fixed key order, fixed decimals, sorted reasons keys, no whitespace', () => {
    const p = canonicalDayPayload([
      row('000001.SZ', 'cho', 1, 'BUY', 0.5, 10.23, { values: { cho: 2 }, rulesFired: ['cho_rising'], prev: { cho: -1.5 } }),
    ]);
    expect(p).toBe(
      '[{"tsCode":"000001.SZ","strategyId":"cho","version":1,"action":"BUY","score":0.500000,"close":10.2300,' +
        '"reasons":{"prev":{"cho":-1.500000},"rulesFired":["cho_rising"],"values":{"cho":2.000000}}}]',
    );
    expect(canonicalDayPayload([])).toBe('[]');
  });

  it('does not depend on input order: rows by tsCode, strategyId (code-unit order), version (numeric)', () => {
    const rows = [
      row('600000.SH', 'cho', 1, 'SELL', -0.25, 8.1),
      row('000001.SZ', 'ma_cross', 10, 'HOLD', 0, 10.2),
      row('000001.SZ', 'ma_cross', 2, 'HOLD', 0.1, 10.2),
      row('000001.SZ', 'cho', 1, 'BUY', 0.7, 10.2),
      row('300750.SZ', 'composite', 1, 'HOLD', 0.05, 200.5),
    ];
    const p = canonicalDayPayload(rows);
    expect(canonicalDayPayload([...rows].reverse())).toBe(p);
    const order = (JSON.parse(p) as ChainRow[]).map((r) => `${r.tsCode}/${r.strategyId}/${r.version}`);
    expect(order).toEqual(['000001.SZ/cho/1', '000001.SZ/ma_cross/2', '000001.SZ/ma_cross/10', '300750.SZ/composite/1', '600000.SH/cho/1']);
  });

  it('normalises -0, prints non-finite reason values as null, keeps missing reasons as null', () => {
    const p = canonicalDayPayload([row('A', 's', 0, 'HOLD', -0, -0.00000001, { x: Number.NaN, y: -1e-9, z: Infinity })]);
    expect(p).toBe('[{"tsCode":"A","strategyId":"s","version":0,"action":"HOLD","score":0.000000,"close":0.0000,"reasons":{"x":null,"y":0.000000,"z":null}}]');
    expect(canonicalDayPayload([row('A', 's', 0, 'HOLD', 0, 1)])).toContain('"reasons":null');
  });

  it('refuses duplicates and malformed rows rather than hashing garbage', () => {
    expect(() => canonicalDayPayload([row('A', 's', 1, 'BUY', 0.1, 1), row('A', 's', 1, 'SELL', -0.1, 1)])).toThrow(/duplicate/);
    expect(() => canonicalDayPayload([row('A', 's', 1, 'BUY', 1.5, 1)])).toThrow(/bad score/);
    expect(() => canonicalDayPayload([row('A', 's', 1.5, 'BUY', 0.1, 1)])).toThrow(/bad version/);
    expect(() => canonicalDayPayload([row('A', 's', 1, 'buy' as never, 0.1, 1)])).toThrow(/bad action/);
    expect(() => canonicalDayPayload([row('', 's', 1, 'BUY', 0.1, 1)])).toThrow(/bad tsCode/);
    expect(() => canonicalDayPayload([row('A', 's', 1, 'BUY', 0.1, Number.NaN)])).toThrow(/bad close/);
  });

  it('roundForChain values survive a database round trip and re-serialise identically', () => {
    for (const x of [0.1234565, -0.9999995, 1 / 3, 0.0000005, 12.34565, 1999.99995]) {
      const stored = roundForChain(x, 6);
      const fromDb = Number(String(stored)); // numeric/float8 → text → number
      const a = canonicalDayPayload([row('A', 's', 1, 'HOLD', Math.max(-1, Math.min(1, stored)), roundForChain(x, 4))]);
      const b = canonicalDayPayload([row('A', 's', 1, 'HOLD', Math.max(-1, Math.min(1, fromDb)), Number(String(roundForChain(x, 4))))]);
      expect(b).toBe(a);
    }
  });
});

describe('chainHash', () => {
  it('is sha256 hex of `${prevHash}\\n${tradeDate}\\n${payload}` (vectors computed with sha256sum)', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(chainHash(GENESIS_HASH, '2025-01-02', '[]')).toBe('defdcc4148fb267b460d78ed209b739e1efe46f6716b36ee65d13b7b535d6fb1');
    const payload = canonicalDayPayload([
      row('000001.SZ', 'cho', 1, 'BUY', 0.5, 10.23, { values: { cho: 2 }, rulesFired: ['cho_rising'], prev: { cho: -1.5 } }),
    ]);
    expect(chainHash(GENESIS_HASH, '2025-01-02', payload)).toBe('c8a1ac8a379745f65eb78d49e8c827704882c547d874ff7ca84bc2550dd04c54');
  });

  it('rejects a malformed previous hash or date', () => {
    expect(() => chainHash('abc', '2025-01-02', '[]')).toThrow(TypeError);
    expect(() => chainHash(GENESIS_HASH.toUpperCase().replace(/0/g, 'A'), '2025-01-02', '[]')).toThrow(TypeError);
    expect(() => chainHash(GENESIS_HASH, '2025-1-2', '[]')).toThrow(TypeError);
  });

  it('isTradeDate checks real calendar days independent of the process time zone', () => {
    expect(process.env['TZ']).toBe('Asia/Shanghai'); // pinned by vitest.config.ts
    expect(isTradeDate('2024-02-29')).toBe(true);
    expect(isTradeDate('2023-02-29')).toBe(false);
    expect(isTradeDate('2024-13-01')).toBe(false);
    expect(isTradeDate('2024-01-01T00:00:00Z')).toBe(false);
  });
});

describe('verifyChain', () => {
  const days = [
    { tradeDate: '2025-01-02', rows: [row('000001.SZ', 'cho', 1, 'BUY', 0.5, 10.23), row('600000.SH', 'cho', 1, 'SELL', -0.4, 8.5)] },
    { tradeDate: '2025-01-03', rows: [row('000001.SZ', 'cho', 1, 'SELL', -0.2, 10.1), row('600000.SH', 'cho', 1, 'HOLD', 0, 8.5)] },
    { tradeDate: '2025-01-06', rows: [] },
    {
      tradeDate: '2025-01-07',
      rows: [row('000001.SZ', 'cho', 1, 'BUY', 0.9, 10.4, { values: { cho: 5 } }), row('600000.SH', 'cho', 1, 'BUY', 0.3, 8.6)],
    },
    { tradeDate: '2025-01-08', rows: [row('000001.SZ', 'cho', 1, 'HOLD', 0, 10.4), row('600000.SH', 'cho', 1, 'SELL', -1, 8.2)] },
  ];
  const links = buildChain(days);
  type RowDay = { tradeDate: string; hash: string; prevHash?: string; rows: ChainRow[] };
  const stored = (): RowDay[] => days.map((d, i) => ({ tradeDate: d.tradeDate, rows: d.rows.map((r) => ({ ...r })), hash: links[i]!.hash, prevHash: links[i]!.prevHash }));

  it('verifies an untouched chain and reports its head', () => {
    const v = verifyChain(stored());
    expect(v).toEqual({ ok: true, brokenAt: null, reason: null, verifiedDays: 5, head: links[4]!.hash });
    expect(links[0]!.prevHash).toBe(GENESIS_HASH);
    expect(links[3]!.prevHash).toBe(links[2]!.hash);
    expect(verifyChain(links).ok).toBe(true); // payload form
    expect(verifyChain([])).toMatchObject({ ok: true, head: GENESIS_HASH, verifiedDays: 0 });
  });

  it('row order in storage does not matter', () => {
    const s = stored();
    s[1]!.rows.reverse();
    expect(verifyChain(s).ok).toBe(true);
  });

  const tamper: [string, (s: RowDay[]) => void, string, string][] = [
    ['a past score edited', (s) => void (s[1]!.rows[0]!.score = -0.3), '2025-01-03', 'hash mismatch'],
    ['an action flipped', (s) => void (s[3]!.rows[1]!.action = 'SELL'), '2025-01-07', 'hash mismatch'],
    ['a close changed in the 4th decimal', (s) => void (s[0]!.rows[1]!.close = 8.5001), '2025-01-02', 'hash mismatch'],
    ['a reason value edited', (s) => void (s[3]!.rows[0]!.reasons = { values: { cho: 5.000001 } }), '2025-01-07', 'hash mismatch'],
    ['a row deleted', (s) => void s[4]!.rows.pop(), '2025-01-08', 'hash mismatch'],
    ['a row added to an empty day', (s) => void s[2]!.rows.push(row('000002.SZ', 'cho', 1, 'BUY', 0.1, 20)), '2025-01-06', 'hash mismatch'],
    ['a stored hash replaced', (s) => void (s[2]!.hash = 'f'.repeat(64)), '2025-01-06', 'hash mismatch'],
    ['a day removed', (s) => void s.splice(1, 1), '2025-01-06', 'prevHash does not match the previous hash'],
    ['days swapped', (s) => void ([s[1], s[2]] = [s[2]!, s[1]!]), '2025-01-06', 'prevHash does not match the previous hash'],
    ['days swapped, prevHash not stored', (s) => {
      for (const d of s) delete d.prevHash;
      [s[1], s[2]] = [s[2]!, s[1]!];
    }, '2025-01-06', 'hash mismatch'],
    ['a date moved backwards', (s) => void (s[3]!.tradeDate = '2025-01-05'), '2025-01-05', 'date not after 2025-01-06'],
    ['a malformed row', (s) => void (s[1]!.rows[0]!.score = 7), '2025-01-03', 'rows: chain row 000001.SZ/cho/1: bad score'],
  ];
  for (const [what, mutate, brokenAt, reason] of tamper) {
    it(`detects ${what} at the first affected date`, () => {
      const s = stored();
      mutate(s);
      const v = verifyChain(s);
      expect(v).toMatchObject({ ok: false, brokenAt, reason });
      expect(v.verifiedDays).toBe(s.findIndex((d) => d.tradeDate === brokenAt));
    });
  }

  it('an edit re-hashed by the editor still breaks at the next day (without stored prevHash too)', () => {
    const s: RowDay[] = stored().map(({ prevHash: _drop, ...d }) => d);
    s[1]!.rows[0]!.score = 0.99;
    s[1]!.hash = chainHash(links[0]!.hash, '2025-01-03', canonicalDayPayload(s[1]!.rows));
    expect(verifyChain(s)).toMatchObject({ ok: false, brokenAt: '2025-01-06', reason: 'hash mismatch', verifiedDays: 2 });
  });

  it('a chain verified from the wrong genesis fails on its first day', () => {
    expect(verifyChain(stored(), 'a'.repeat(64))).toMatchObject({ ok: false, brokenAt: '2025-01-02' });
  });

  it('buildChain refuses dates out of order', () => {
    expect(() => buildChain([days[1]!, days[0]!])).toThrow(RangeError);
  });
});
