/**
 * Balanced random allocation of pool stocks to members (product §3).
 *
 * Rule, per pick: among the eligible stocks the member does not hold yet, take those with the fewest
 * holders; choose one uniformly at random (seeded); it gains a holder; repeat until the member holds
 * `quota` stocks (null = every eligible stock) or nothing is left to pick.
 *
 * Reproducibility contract. A draw is a pure function of
 *     (snapshot, held, quota, seed, ALLOCATOR_VERSION)
 * where `snapshot` is the list of eligible stocks with their holder counts just before the draw (what
 * `poolSnapshotHash` hashes), `held` the member's current holdings in this pool (order irrelevant) and
 * `seed` a uint32. Internally stocks are indexed in ascending tsCode order and the k-th random number
 * picks the r-th lowest-index candidate of the lowest non-empty holder-count level, so the result does
 * not depend on insertion order or on any earlier draw the allocator instance made. To re-run:
 *     new BalancedAllocator(snapshot).allocate({ held, quota, seed })
 * and check `poolSnapshotHash(snapshot)` against the stored hash first.
 *
 * Data structure: holder-count levels (Map count → bitset over stock indices + popcount) and a sorted
 * array of the non-empty counts. A pick scans levels from the lowest, masking the member's own stocks
 * with a per-draw bitset; cost per pick is O(levels touched × n/32), with no sorting. For a 300-stock
 * pool that is ten 32-bit words per level.
 */
import { createHash } from 'node:crypto';
import { isSeed, mulberry32, randomIndex, type Rng } from '../../../common/prng/index.js';

/** Bump when the draw procedure changes, and store it with each draw next to seed and snapshot hash. */
export const ALLOCATOR_VERSION = 'balanced-v1';

export type StockStatus = 'listed' | 'suspended' | 'delisted';

export interface PoolStockState {
  tsCode: string;
  /** Members currently holding this stock in this pool (including the member being drawn for). */
  holders: number;
  /** Missing = listed. Suspended and delisted stocks are never picked and are not in the snapshot. */
  status?: StockStatus;
}

export interface SnapshotEntry {
  tsCode: string;
  holders: number;
}

export interface DrawRequest {
  /**
   * The member's current holdings in this pool. All of them count towards the quota (also ones that are
   * suspended now); those in the eligible set are never picked again.
   */
  held: readonly string[];
  /** Stocks the member should hold; null = unlimited (every eligible stock). */
  quota: number | null;
  /** uint32 */
  seed: number;
}

export interface DrawResult {
  /** New picks, in pick order. */
  picks: string[];
  /** True when the pool ran out before the quota was reached (never for quota null). */
  exhausted: boolean;
  /** quota − holdings after the draw when exhausted, else 0. */
  shortBy: number;
}

export interface BatchMember<K> extends DrawRequest {
  id: K;
}

export interface BatchResult<K> extends DrawResult {
  id: K;
  /** poolSnapshotHash of the counts this member's draw saw; only with `{ snapshotHashes: true }`. */
  snapshotHash?: string;
}

interface Level {
  bits: Int32Array;
  size: number;
}

function isEligible(s: { status?: StockStatus }): boolean {
  return s.status === undefined || s.status === 'listed';
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Canonical snapshot: eligible stocks only (status missing or 'listed'), ascending by tsCode in UTF-16
 * code-unit order (= byte order for ASCII codes, = `LC_ALL=C sort`).
 */
export function snapshotOf(stocks: Iterable<PoolStockState>): SnapshotEntry[] {
  const out: SnapshotEntry[] = [];
  for (const s of stocks) if (isEligible(s)) out.push({ tsCode: s.tsCode, holders: s.holders });
  return out.sort((a, b) => (a.tsCode < b.tsCode ? -1 : a.tsCode > b.tsCode ? 1 : 0));
}

/**
 * sha256 (lower-case hex) of the UTF-8 text made of one line per eligible stock of the canonical snapshot
 * (see snapshotOf), each line `${tsCode},${holders}\n` — holders in plain decimal, no padding, no header,
 * trailing newline after every line (an empty pool hashes the empty string). Shell equivalent:
 *     printf '600000.SH,3\n600036.SH,2\n' | sha256sum
 */
export function poolSnapshotHash(stocks: Iterable<PoolStockState>): string {
  let text = '';
  for (const e of snapshotOf(stocks)) text += `${e.tsCode},${e.holders}\n`;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export class BalancedAllocator {
  private readonly codes: string[];
  private readonly index = new Map<string, number>();
  private readonly counts: number[];
  private readonly words: number;
  private readonly levels = new Map<number, Level>();
  /** Non-empty holder counts, ascending. */
  private readonly order: number[] = [];
  private readonly spare: Level[] = [];
  /** Scratch bitset of the current member's own stocks. */
  private readonly mask: Int32Array;
  /** Scratch: available candidates per bitset word in the level being drawn from. */
  private readonly perWord: Int32Array;
  /** snapshotHash scratch: UTF-8 `${tsCode},` per stock and a buffer for the whole text. */
  private hashPrefixes: Buffer[] | undefined;
  private hashScratch: Buffer | undefined;

  constructor(stocks: Iterable<PoolStockState>) {
    const snap = snapshotOf(stocks);
    this.codes = snap.map((s) => s.tsCode);
    this.counts = snap.map((s) => s.holders);
    this.words = Math.max(1, Math.ceil(this.codes.length / 32));
    this.mask = new Int32Array(this.words);
    this.perWord = new Int32Array(this.words);
    snap.forEach((s, i) => {
      if (this.index.has(s.tsCode)) throw new RangeError(`duplicate stock ${s.tsCode}`);
      if (!Number.isInteger(s.holders) || s.holders < 0) {
        throw new RangeError(`holders of ${s.tsCode} must be a non-negative integer, got ${s.holders}`);
      }
      this.index.set(s.tsCode, i);
      this.addTo(s.holders, i);
    });
  }

  /** Number of eligible stocks. */
  get size(): number {
    return this.codes.length;
  }

  /** Current holder count of an eligible stock; undefined when not eligible / not in the pool. */
  holdersOf(tsCode: string): number | undefined {
    const i = this.index.get(tsCode);
    return i === undefined ? undefined : this.counts[i];
  }

  /** Current canonical snapshot (eligible stocks, sorted, with the counts as updated by draws). */
  snapshot(): SnapshotEntry[] {
    return this.codes.map((tsCode, i) => ({ tsCode, holders: this.counts[i]! }));
  }

  /** poolSnapshotHash of the current counts (codes are already in canonical order). */
  snapshotHash(): string {
    // Same bytes as poolSnapshotHash, written into a reused buffer: `${code},` prefixes are encoded
    // once and the counts as ASCII digits, so a rotation can hash every member's snapshot cheaply.
    if (!this.hashPrefixes) {
      this.hashPrefixes = this.codes.map((c) => Buffer.from(`${c},`, 'utf8'));
      this.hashScratch = Buffer.allocUnsafe(this.hashPrefixes.reduce((n, b) => n + b.length + 12, 0));
    }
    const buf = this.hashScratch!;
    const prefixes = this.hashPrefixes;
    let p = 0;
    for (let i = 0; i < prefixes.length; i++) {
      const pre = prefixes[i]!;
      pre.copy(buf, p);
      p += pre.length;
      let n = this.counts[i]!;
      const start = p;
      do {
        buf[p++] = 48 + (n % 10);
        n = Math.floor(n / 10);
      } while (n > 0);
      for (let a = start, b = p - 1; a < b; a++, b--) {
        const x = buf[a]!;
        buf[a] = buf[b]!;
        buf[b] = x;
      }
      buf[p++] = 10;
    }
    return createHash('sha256').update(buf.subarray(0, p)).digest('hex');
  }

  /** Draw for one member and commit: the picked stocks' holder counts go up by one. */
  allocate(req: DrawRequest): DrawResult {
    const { quota, seed } = req;
    if (quota !== null && (!Number.isInteger(quota) || quota < 0)) {
      throw new RangeError(`quota must be null or a non-negative integer, got ${quota}`);
    }
    if (!isSeed(seed)) throw new RangeError(`seed must be a uint32, got ${seed}`);

    // Mark the member's eligible holdings in the mask; count distinct holdings (eligible or not).
    let heldCount = 0;
    let other: Set<string> | undefined;
    for (const code of req.held) {
      const i = this.index.get(code);
      if (i === undefined) {
        other ??= new Set();
        if (!other.has(code)) {
          other.add(code);
          heldCount++;
        }
      } else if ((this.mask[i >>> 5]! & (1 << (i & 31))) === 0) {
        this.setMask(i);
        heldCount++;
      }
    }
    const need = quota === null ? Infinity : quota - heldCount;
    const picks: string[] = [];
    const rng = mulberry32(seed);
    try {
      while (picks.length < need) {
        const i = this.pickOne(rng);
        if (i < 0) break;
        this.move(i, +1);
        this.setMask(i);
        picks.push(this.codes[i]!);
      }
    } finally {
      this.mask.fill(0);
    }
    const shortBy = need === Infinity ? 0 : Math.max(0, need - picks.length);
    return { picks, exhausted: shortBy > 0, shortBy };
  }

  /**
   * Draw for many members in the given order, each seeing the counts left by the ones before (a pool
   * rotation, a re-allocation after a level change). `snapshotHashes` adds each draw's snapshot hash —
   * a sha256 over the whole pool per member (~20 µs for 300 stocks, several times the draw itself).
   */
  allocateMany<K>(members: Iterable<BatchMember<K>>, opts: { snapshotHashes?: boolean } = {}): BatchResult<K>[] {
    const out: BatchResult<K>[] = [];
    for (const m of members) {
      const snapshotHash = opts.snapshotHashes ? this.snapshotHash() : undefined;
      const { picks, exhausted, shortBy } = this.allocate(m);
      const r: BatchResult<K> = { id: m.id, picks, exhausted, shortBy };
      if (snapshotHash !== undefined) r.snapshotHash = snapshotHash;
      out.push(r);
    }
    return out;
  }

  /**
   * Tell the allocator that holdings were released (downgrade, re-roll) so later draws see the lower
   * counts. Codes that are not eligible are ignored.
   */
  noteReleased(tsCodes: Iterable<string>): void {
    for (const code of tsCodes) {
      const i = this.index.get(code);
      if (i === undefined) continue;
      if (this.counts[i] === 0) throw new RangeError(`${code} has no holders to release`);
      this.move(i, -1);
    }
  }

  // ---- internals ------------------------------------------------------------------------------

  private setMask(i: number): void {
    this.mask[i >>> 5]! |= 1 << (i & 31);
  }

  /** Index of the chosen stock, or -1 when every eligible stock is already the member's. */
  private pickOne(rng: Rng): number {
    const W = this.words;
    const mask = this.mask;
    const perWord = this.perWord;
    const order = this.order;
    for (let k = 0; k < order.length; k++) {
      const bits = this.levels.get(order[k]!)!.bits;
      let avail = 0;
      for (let w = 0; w < W; w++) {
        const n = popcount(bits[w]! & ~mask[w]!);
        perWord[w] = n;
        avail += n;
      }
      if (avail === 0) continue;
      let r = randomIndex(rng, avail);
      let w = 0;
      while (r >= perWord[w]!) r -= perWord[w++]!;
      let x = bits[w]! & ~mask[w]!;
      for (; r > 0; r--) x &= x - 1; // drop the r lowest set bits
      return (w << 5) + (31 - Math.clz32(x & -x));
    }
    return -1;
  }

  private move(i: number, delta: 1 | -1): void {
    const c = this.counts[i]!;
    const from = this.levels.get(c)!;
    from.bits[i >>> 5]! &= ~(1 << (i & 31));
    if (--from.size === 0) {
      this.levels.delete(c);
      this.order.splice(this.orderPos(c), 1);
      this.spare.push(from);
    }
    this.counts[i] = c + delta;
    this.addTo(c + delta, i);
  }

  private addTo(c: number, i: number): void {
    let level = this.levels.get(c);
    if (!level) {
      level = this.spare.pop() ?? { bits: new Int32Array(this.words), size: 0 };
      this.levels.set(c, level);
      this.order.splice(this.orderPos(c), 0, c);
    }
    level.bits[i >>> 5]! |= 1 << (i & 31);
    level.size++;
  }

  /** Position of `c` in `order` (or where it would be inserted). */
  private orderPos(c: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order[mid]! < c) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// ---- release ----------------------------------------------------------------------------------

export interface Holding {
  tsCode: string;
  allocatedAt: Date;
  /** Pick order inside its draw (or any increasing sequence, e.g. the allocation row id). */
  order: number;
}

/**
 * Which holdings to release so the member holds at most `newQuota` (null = unlimited → none):
 * the newest first — allocatedAt descending, then order descending, then tsCode descending (only to be
 * deterministic). Returned newest first; the rest (the oldest picks) are kept.
 */
export function release<H extends Holding>(holdings: readonly H[], newQuota: number | null): H[] {
  if (newQuota !== null && (!Number.isInteger(newQuota) || newQuota < 0)) {
    throw new RangeError(`quota must be null or a non-negative integer, got ${newQuota}`);
  }
  if (newQuota === null || holdings.length <= newQuota) return [];
  const newestFirst = [...holdings].sort(
    (a, b) =>
      b.allocatedAt.getTime() - a.allocatedAt.getTime() ||
      b.order - a.order ||
      (a.tsCode < b.tsCode ? 1 : a.tsCode > b.tsCode ? -1 : 0),
  );
  return newestFirst.slice(0, holdings.length - newQuota);
}
