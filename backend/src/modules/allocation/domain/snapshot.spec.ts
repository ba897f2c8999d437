import { describe, expect, it } from 'vitest';
import { BalancedAllocator, poolSnapshotHash } from './balanced-allocator.js';
import { deriveSeed } from '../../../common/prng/index.js';
import { countPicks, holderDeltas, replayDraw, snapshotFromJson, snapshotToJson, withPicks } from './snapshot.js';

const POOL = Array.from({ length: 40 }, (_, i) => ({
  tsCode: `${String(600000 + i * 7).padStart(6, '0')}.SH`,
  holders: i % 3,
  status: i === 5 ? ('suspended' as const) : ('listed' as const),
}));

describe('stored snapshots', () => {
  it('round-trips through JSON (eligible stocks only, canonical order)', () => {
    const a = new BalancedAllocator(POOL);
    const json = JSON.parse(JSON.stringify(snapshotToJson(a.snapshot())));
    expect(snapshotFromJson(json)).toEqual(a.snapshot());
    expect(poolSnapshotHash(snapshotFromJson(json))).toBe(a.snapshotHash());
    expect(Object.keys(json)).toHaveLength(39);
  });

  it('replays a single draw exactly', () => {
    const a = new BalancedAllocator(POOL);
    const snapshot = snapshotToJson(a.snapshot());
    const held = [POOL[1]!.tsCode, POOL[5]!.tsCode];
    const drawn = a.allocate({ held, quota: 7, seed: 12345 });
    const replay = replayDraw({ snapshot: snapshotFromJson(snapshot), held, quota: 7, seed: 12345 });
    expect(replay.picks).toEqual(drawn.picks);
    expect(drawn.picks).toHaveLength(5);
  });

  it('rebuilds the snapshot of the k-th draw of a batch from the base plus earlier picks', () => {
    const a = new BalancedAllocator(POOL);
    const base = snapshotToJson(a.snapshot());
    const members = Array.from({ length: 25 }, (_, i) => ({ id: `m${i}`, held: [] as string[], quota: i % 4 === 0 ? null : 3 + (i % 5), seed: deriveSeed(99, `m${i}`) }));
    const results = a.allocateMany(members, { snapshotHashes: true });
    for (const k of [0, 1, 7, 24]) {
      const snap = withPicks(base, countPicks(results.slice(0, k).map((r) => r.picks)));
      expect(poolSnapshotHash(snap)).toBe(results[k]!.snapshotHash);
      const m = members[k]!;
      expect(replayDraw({ snapshot: snap, held: m.held, quota: m.quota, seed: m.seed }).picks).toEqual(results[k]!.picks);
    }
    const deltas = holderDeltas(snapshotFromJson(base), a.snapshot());
    expect([...deltas.values()].reduce((s, d) => s + d, 0)).toBe(results.reduce((s, r) => s + r.picks.length, 0));
  });

  it("the allocator's buffered snapshotHash equals poolSnapshotHash for any counts", () => {
    const counts = [0, 1, 9, 10, 99, 100, 12345, 1_000_000, 7, 0];
    const stocks = counts.map((holders, i) => ({ tsCode: `${String(300000 + i * 11)}.SZ`, holders }));
    const a = new BalancedAllocator(stocks);
    expect(a.snapshotHash()).toBe(poolSnapshotHash(stocks));
    a.allocate({ held: [], quota: 3, seed: 1 });
    expect(a.snapshotHash()).toBe(poolSnapshotHash(a.snapshot()));
    expect(new BalancedAllocator([]).snapshotHash()).toBe(poolSnapshotHash([]));
  });

  it('refuses a pick outside the base snapshot', () => {
    expect(() => withPicks({ '600000.SH': 1 }, new Map([['000001.SZ', 1]]))).toThrow(RangeError);
  });
});
