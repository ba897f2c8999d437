import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BalancedAllocator,
  poolSnapshotHash,
  release,
  snapshotOf,
  type BatchMember,
  type Holding,
  type PoolStockState,
} from './balanced-allocator.js';
import { deriveSeed, mulberry32 } from '../../../common/prng/index.js';

// Recorded from balanced-v1; if this changes, the draw procedure changed: bump ALLOCATOR_VERSION.
const GOLDEN_20 = ['600019.SH', '600005.SH', '600009.SH', '600015.SH', '600010.SH', '600006.SH'];
const codeOf = (i: number) => `${String(600000 + i)}.SH`;
const pool = (n: number, holders = 0): PoolStockState[] => Array.from({ length: n }, (_, i) => ({ tsCode: codeOf(i), holders }));

function spread(a: BalancedAllocator): number {
  const counts = a.snapshot().map((s) => s.holders);
  return Math.max(...counts) - Math.min(...counts);
}

describe('prng', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    // golden: the reference mulberry32 sequence for seed 1 (first value 0.6270739405881613)
    const g = mulberry32(1);
    expect([g(), g(), g()].map((x) => Math.floor(x * 2 ** 32))).toEqual([2693262067, 11749833, 2265367787]);
  });

  it('deriveSeed is a stable uint32 per (batch, key)', () => {
    const s = deriveSeed(123, 'user-1');
    expect(s).toBe(deriveSeed(123, 'user-1'));
    expect(s).not.toBe(deriveSeed(123, 'user-2'));
    expect(s).not.toBe(deriveSeed(124, 'user-1'));
    expect(Number.isInteger(s) && s >= 0 && s <= 0xffffffff).toBe(true);
  });
});

describe('BalancedAllocator — balance', () => {
  it('same quota from scratch: after every member max − min ≤ 1, exact quota, no duplicates', () => {
    const a = new BalancedAllocator(pool(300));
    for (let m = 0; m < 500; m++) {
      const { picks, exhausted } = a.allocate({ held: [], quota: 7, seed: deriveSeed(9, m) });
      expect(picks).toHaveLength(7);
      expect(new Set(picks).size).toBe(7);
      expect(exhausted).toBe(false);
      expect(spread(a)).toBeLessThanOrEqual(1);
    }
    const total = a.snapshot().reduce((s, e) => s + e.holders, 0);
    expect(total).toBe(3500);
  });

  it('mixed quotas (5/10/20/50/unlimited) from scratch: max − min ≤ 1 after every member', () => {
    const quotas = [5, 10, 20, 50, null];
    const rng = mulberry32(7);
    const a = new BalancedAllocator(pool(120));
    for (let m = 0; m < 400; m++) {
      const quota = quotas[Math.floor(rng() * quotas.length)]!;
      const { picks } = a.allocate({ held: [], quota, seed: deriveSeed(1, m) });
      expect(picks).toHaveLength(quota ?? 120);
      expect(new Set(picks).size).toBe(picks.length);
      expect(spread(a)).toBeLessThanOrEqual(1);
    }
  });

  it('each pick comes from the least-held stocks', () => {
    const a = new BalancedAllocator([
      { tsCode: '600000.SH', holders: 5 },
      { tsCode: '600036.SH', holders: 0 },
      { tsCode: '000001.SZ', holders: 0 },
      { tsCode: '300750.SZ', holders: 3 },
    ]);
    const { picks } = a.allocate({ held: [], quota: 3, seed: 1 });
    expect(new Set(picks.slice(0, 2))).toEqual(new Set(['600036.SH', '000001.SZ']));
    // the two zeros are now the member's own, so the next pick is the least-held of the rest
    expect(picks[2]).toBe('300750.SZ');
    expect(a.holdersOf('300750.SZ')).toBe(4);
  });

  it('random tie-break covers all tied stocks', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      seen.add(new BalancedAllocator(pool(10)).allocate({ held: [], quota: 1, seed }).picks[0]!);
    }
    expect(seen.size).toBe(10);
  });
});

describe('BalancedAllocator — determinism and reproduction', () => {
  it('same snapshot + held + quota + seed → same picks; input order does not matter', () => {
    const stocks = pool(50).map((s, i) => ({ ...s, holders: i % 4 }));
    const shuffled = [...stocks].reverse();
    const r1 = new BalancedAllocator(stocks).allocate({ held: [codeOf(3)], quota: 12, seed: 2024 });
    const r2 = new BalancedAllocator(shuffled).allocate({ held: [codeOf(3)], quota: 12, seed: 2024 });
    expect(r2).toEqual(r1);
    const r3 = new BalancedAllocator(stocks).allocate({ held: [codeOf(3)], quota: 12, seed: 2025 });
    expect(r3.picks).not.toEqual(r1.picks);
  });

  it('golden draw (changes only with ALLOCATOR_VERSION)', () => {
    const stocks: PoolStockState[] = [
      { tsCode: '600000.SH', holders: 2 },
      { tsCode: '600036.SH', holders: 1 },
      { tsCode: '601318.SH', holders: 1 },
      { tsCode: '000001.SZ', holders: 1 },
      { tsCode: '000858.SZ', holders: 2 },
      { tsCode: '300750.SZ', holders: 1, status: 'suspended' },
      { tsCode: '430047.BJ', holders: 0 },
    ];
    const r = new BalancedAllocator(stocks).allocate({ held: ['000001.SZ'], quota: 4, seed: 20250310 });
    expect(r).toEqual({ picks: ['430047.BJ', '601318.SH', '600036.SH'], exhausted: false, shortBy: 0 });
    const r2 = new BalancedAllocator(pool(20)).allocate({ held: [], quota: 6, seed: 12345 });
    expect(r2.picks).toEqual(GOLDEN_20);
  });

  it('any member of a batch can be re-run alone from the snapshot its draw saw', () => {
    const a = new BalancedAllocator(pool(30));
    const members: BatchMember<number>[] = Array.from({ length: 40 }, (_, id) => ({
      id,
      held: [],
      quota: [3, 5, 10][id % 3]!,
      seed: deriveSeed(77, id),
    }));
    const snapshots: ReturnType<BalancedAllocator['snapshot']>[] = [];
    const results = members.map((m) => {
      snapshots.push(a.snapshot());
      return a.allocate(m);
    });
    for (const k of [0, 17, 39]) {
      const again = new BalancedAllocator(snapshots[k]!).allocate(members[k]!);
      expect(again).toEqual(results[k]);
    }
    // allocateMany gives the same as one-by-one, and the per-draw hashes match the snapshots
    const b = new BalancedAllocator(pool(30));
    const batch = b.allocateMany(members, { snapshotHashes: true });
    expect(batch.map((r) => r.picks)).toEqual(results.map((r) => r.picks));
    expect(batch[17]!.snapshotHash).toBe(poolSnapshotHash(snapshots[17]!));
    expect(b.snapshot()).toEqual(a.snapshot());
  });
});

describe('BalancedAllocator — holdings, quota, exhaustion, eligibility', () => {
  it('top-up after an upgrade keeps existing picks and never repeats them', () => {
    const a = new BalancedAllocator(pool(40));
    const first = a.allocate({ held: [], quota: 5, seed: 1 }).picks;
    const more = a.allocate({ held: first, quota: 20, seed: 2 }).picks;
    expect(more).toHaveLength(15);
    expect(more.filter((c) => first.includes(c))).toEqual([]);
    expect(new Set([...first, ...more]).size).toBe(20);
  });

  it('held stocks count towards the quota even when not eligible; quota already met → no picks', () => {
    const a = new BalancedAllocator([...pool(10), { tsCode: '300750.SZ', holders: 1, status: 'suspended' }]);
    expect(a.allocate({ held: ['300750.SZ', codeOf(0)], quota: 5, seed: 3 }).picks).toHaveLength(3);
    expect(a.allocate({ held: [codeOf(0), codeOf(1)], quota: 2, seed: 3 }).picks).toEqual([]);
    expect(a.allocate({ held: [codeOf(0), codeOf(1), codeOf(2)], quota: 2, seed: 3 }).picks).toEqual([]);
    expect(a.allocate({ held: [], quota: 0, seed: 3 }).picks).toEqual([]);
  });

  it('exhausted pool: picks what is left and says how many are missing', () => {
    const a = new BalancedAllocator(pool(8));
    const r = a.allocate({ held: [codeOf(0)], quota: 10, seed: 5 });
    expect(r.picks).toHaveLength(7);
    expect(r).toMatchObject({ exhausted: true, shortBy: 2 });
    expect(new Set([...r.picks, codeOf(0)]).size).toBe(8);
  });

  it('unlimited quota takes every eligible stock not held; never "exhausted"', () => {
    const a = new BalancedAllocator(pool(12));
    const r = a.allocate({ held: [codeOf(4)], quota: null, seed: 5 });
    expect(r.picks).toHaveLength(11);
    expect(r.exhausted).toBe(false);
    expect(a.allocate({ held: [], quota: null, seed: 6 }).picks).toHaveLength(12);
  });

  it('suspended and delisted stocks are never picked and are not in the snapshot', () => {
    const stocks: PoolStockState[] = [
      { tsCode: '600000.SH', holders: 9 },
      { tsCode: '300750.SZ', holders: 0, status: 'suspended' },
      { tsCode: '600087.SH', holders: 0, status: 'delisted' },
      { tsCode: '000001.SZ', holders: 9, status: 'listed' },
    ];
    const a = new BalancedAllocator(stocks);
    expect(a.size).toBe(2);
    expect(a.holdersOf('300750.SZ')).toBeUndefined();
    const r = a.allocate({ held: [], quota: 5, seed: 1 });
    expect(new Set(r.picks)).toEqual(new Set(['600000.SH', '000001.SZ']));
    expect(r.shortBy).toBe(3);
    expect(snapshotOf(stocks).map((s) => s.tsCode)).toEqual(['000001.SZ', '600000.SH']);
  });

  it('noteReleased lowers counts so later draws see them', () => {
    const a = new BalancedAllocator([
      { tsCode: '600000.SH', holders: 2 },
      { tsCode: '600036.SH', holders: 1 },
    ]);
    a.noteReleased(['600000.SH', '600000.SH', '999999.SH']);
    expect(a.holdersOf('600000.SH')).toBe(0);
    expect(a.allocate({ held: [], quota: 1, seed: 1 }).picks).toEqual(['600000.SH']);
    expect(() => a.noteReleased(['600036.SH', '600036.SH'])).toThrow(RangeError);
  });

  it('rejects bad input', () => {
    expect(() => new BalancedAllocator([...pool(2), ...pool(1)])).toThrow(RangeError);
    expect(() => new BalancedAllocator([{ tsCode: 'x', holders: -1 }])).toThrow(RangeError);
    const a = new BalancedAllocator(pool(3));
    expect(() => a.allocate({ held: [], quota: 1.5, seed: 1 })).toThrow(RangeError);
    expect(() => a.allocate({ held: [], quota: 1, seed: -1 })).toThrow(RangeError);
    expect(() => a.allocate({ held: [], quota: 1, seed: 2 ** 32 })).toThrow(RangeError);
  });

  it('works for a pool larger than one bitset word boundary (33 stocks) and an empty pool', () => {
    const a = new BalancedAllocator(pool(33));
    expect(new Set(a.allocate({ held: [], quota: null, seed: 1 }).picks).size).toBe(33);
    expect(new BalancedAllocator([]).allocate({ held: [], quota: 3, seed: 1 })).toEqual({
      picks: [],
      exhausted: true,
      shortBy: 3,
    });
  });
});

describe('poolSnapshotHash', () => {
  it('is sha256 of "tsCode,holders\\n" lines of eligible stocks sorted by tsCode', () => {
    const stocks: PoolStockState[] = [
      { tsCode: '600036.SH', holders: 2 },
      { tsCode: '300750.SZ', holders: 7, status: 'suspended' },
      { tsCode: '000001.SZ', holders: 10 },
      { tsCode: '600000.SH', holders: 3 },
    ];
    const expected = createHash('sha256').update('000001.SZ,10\n600000.SH,3\n600036.SH,2\n').digest('hex');
    expect(poolSnapshotHash(stocks)).toBe(expected);
    expect(poolSnapshotHash([...stocks].reverse())).toBe(expected);
    expect(poolSnapshotHash([])).toBe(createHash('sha256').update('').digest('hex'));
    expect(new BalancedAllocator(stocks).snapshotHash()).toBe(expected);
  });
});

describe('release (downgrade)', () => {
  const t = (s: string) => new Date(`2025-03-${s}+08:00`);
  const holdings: Holding[] = [
    { tsCode: 'A', allocatedAt: t('01T10:00:00'), order: 0 },
    { tsCode: 'B', allocatedAt: t('01T10:00:00'), order: 1 },
    { tsCode: 'C', allocatedAt: t('01T10:00:00'), order: 2 },
    { tsCode: 'D', allocatedAt: t('05T09:00:00'), order: 0 },
    { tsCode: 'E', allocatedAt: t('05T09:00:00'), order: 1 },
    { tsCode: 'F', allocatedAt: t('03T12:00:00'), order: 0 },
  ];

  it('releases the newest picks first and keeps the oldest', () => {
    expect(release(holdings, 3).map((h) => h.tsCode)).toEqual(['E', 'D', 'F']);
    expect(release(holdings, 5).map((h) => h.tsCode)).toEqual(['E']);
    expect(release(holdings, 0).map((h) => h.tsCode)).toEqual(['E', 'D', 'F', 'C', 'B', 'A']);
  });

  it('releases nothing when within quota or unlimited', () => {
    expect(release(holdings, 6)).toEqual([]);
    expect(release(holdings, 50)).toEqual([]);
    expect(release(holdings, null)).toEqual([]);
    expect(() => release(holdings, -1)).toThrow(RangeError);
  });

  it('downgrade then re-allocation keeps the balance bookkeeping right', () => {
    const a = new BalancedAllocator(pool(20));
    const picks = a.allocate({ held: [], quota: 10, seed: 11 }).picks;
    const held: Holding[] = picks.map((tsCode, order) => ({ tsCode, allocatedAt: t('01T10:00:00'), order }));
    const out = release(held, 5);
    expect(out.map((h) => h.tsCode)).toEqual(picks.slice(5).reverse());
    a.noteReleased(out.map((h) => h.tsCode));
    expect(a.snapshot().reduce((s, e) => s + e.holders, 0)).toBe(5);
  });
});
