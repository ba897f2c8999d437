/**
 * Stored form of a pool snapshot and the replay of a stored draw. Pure.
 *
 * A snapshot is stored as a JSON object `{ "600000.SH": holders, … }` over the eligible stocks
 * (jsonb keeps it compact; key order is irrelevant because the allocator re-sorts canonically).
 * A single draw stores its own snapshot. A draw made by a pool activation stores only its position
 * in a batch: it saw the batch's base snapshot plus the picks of the batch's earlier draws, which
 * `withPicks` rebuilds exactly.
 */
import { BalancedAllocator, poolSnapshotHash, snapshotOf, type SnapshotEntry } from './balanced-allocator.js';

export type StoredSnapshot = Record<string, number>;

export function snapshotToJson(entries: readonly SnapshotEntry[]): StoredSnapshot {
  const out: StoredSnapshot = {};
  for (const e of entries) out[e.tsCode] = e.holders;
  return out;
}

export function snapshotFromJson(json: StoredSnapshot): SnapshotEntry[] {
  return snapshotOf(Object.entries(json).map(([tsCode, holders]) => ({ tsCode, holders })));
}

/** Base snapshot plus one holder per earlier pick (`pickCounts`: code → times picked). */
export function withPicks(base: StoredSnapshot, pickCounts: ReadonlyMap<string, number>): SnapshotEntry[] {
  const merged: StoredSnapshot = { ...base };
  for (const [code, n] of pickCounts) {
    if (!(code in merged)) throw new RangeError(`pick ${code} is not in the batch's base snapshot`);
    merged[code] = merged[code]! + n;
  }
  return snapshotFromJson(merged);
}

export interface StoredDraw {
  snapshot: readonly SnapshotEntry[];
  held: readonly string[];
  quota: number | null;
  seed: number;
}

/** Re-runs a draw from what was stored: same snapshot, holdings, quota and seed → same picks. */
export function replayDraw(d: StoredDraw): { picks: string[]; snapshotHash: string } {
  return {
    picks: new BalancedAllocator(d.snapshot).allocate({ held: d.held, quota: d.quota, seed: d.seed }).picks,
    snapshotHash: poolSnapshotHash(d.snapshot),
  };
}

/** Code → number of times it appears in the given pick lists. */
export function countPicks(lists: Iterable<readonly string[]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const list of lists) for (const c of list) out.set(c, (out.get(c) ?? 0) + 1);
  return out;
}

/** Holder-count changes between two snapshots of the same stocks (code → after − before, non-zero only). */
export function holderDeltas(before: readonly SnapshotEntry[], after: readonly SnapshotEntry[]): Map<string, number> {
  const prev = new Map(before.map((e) => [e.tsCode, e.holders]));
  const out = new Map<string, number>();
  for (const e of after) {
    const d = e.holders - (prev.get(e.tsCode) ?? 0);
    if (d !== 0) out.set(e.tsCode, d);
  }
  return out;
}
