import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { advisoryXactLock } from '../../common/sql.js';
import { QUEUES } from '../jobs/queues.js';
import { JobsService } from '../jobs/jobs.service.js';
import { StockPoolService } from '../stock-pool/stock-pool.service.js';
import { VipEntitlements, type Entitlement } from '../vip/vip-entitlements.service.js';
import { LEVEL_QUOTA_JOB, VIP_LEVEL_QUOTA_CHANGED, type VipLevelQuotaChangedEvent } from '../vip/vip.events.js';
import { AllocationStore, BULK_LOCK, type ActiveHolding } from './allocation.store.js';
import { HeldChanges, HeldStocksTracker } from './held-stocks.tracker.js';
import { BalancedAllocator, release } from './domain/balanced-allocator.js';
import { deriveSeed, randomSeed } from '../../common/prng/index.js';
import { countPicks, holderDeltas, snapshotToJson } from './domain/snapshot.js';

/** Members per transaction (one draw batch, one progress step), as for a pool activation. */
export const LEVEL_REALLOCATION_CHUNK = 5000;

export interface LevelReallocationResult {
  level: number;
  poolId: string | null;
  /** The active pool changed while the job ran; the rotation's own job allocates everyone. */
  superseded: boolean;
  members: number;
  /** Members topped up, and the stocks they got. */
  draws: number;
  allocations: number;
  /** Members above their quota, and the stocks released from them (newest first, reason level_change). */
  releasedMembers: number;
  released: number;
}

type ChunkOutcome = Omit<LevelReallocationResult, 'level' | 'poolId' | 'superseded'>;

/**
 * A level's stock quota changed: every member whose effective level is that level is brought to
 * their quota in the active pool — topped up with the same balanced draw as a single member's
 * level change (one draw batch per chunk, replayable like an activation's), or, above the quota,
 * released down to it, newest picks first, reason 'level_change' (the rule expiry follows).
 *
 * The job converges rather than applies a difference: each chunk, under the exclusive bulk lock
 * (single-member syncs and activation chunks queue behind it, so no member is changed twice at
 * once), re-reads the members' holdings and compares them with their quota as it is now. Running it
 * twice, concurrently with another level's job, after a crash, or after a member's own sync is
 * therefore harmless: members already at quota are left alone.
 */
@Injectable()
export class LevelReallocationService {
  private readonly logger = new Logger('Allocation');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly pools: StockPoolService,
    private readonly store: AllocationStore,
    private readonly jobs: JobsService,
    private readonly entitlements: VipEntitlements,
    private readonly heldStocks: HeldStocksTracker,
    @InjectQueue(QUEUES.allocation) private readonly queue: Queue,
  ) {}

  /**
   * After the commit of a quota change: VIP recorded this job in the change's transaction; queue it.
   * Never throws into VIP (a failure is written to the job record).
   */
  @OnEvent(VIP_LEVEL_QUOTA_CHANGED, { async: true, promisify: true })
  async onQuotaChanged(change: VipLevelQuotaChangedEvent): Promise<void> {
    try {
      await this.jobs.submit(this.queue, { id: change.jobId, kind: LEVEL_QUOTA_JOB, params: { level: change.level, from: change.from, to: change.to } });
    } catch (e) {
      // The quota change is committed; the record tells the admin this follow-up did not run
      // (members still get the new quota at their next trigger, and a lower one at read time).
      const message = e instanceof Error ? e.message : String(e);
      this.logger.error(`level ${change.level} re-allocation ${change.jobId} could not be queued: ${message}`);
      await this.jobs.fail(change.jobId, `could not be queued: ${message}`).catch(() => undefined);
    }
  }

  /** The job's work. `jobId` gets the progress: total = members at the level, advanced per chunk. */
  async reallocate(level: number, opts: { jobId?: string | null; chunkSize?: number } = {}): Promise<LevelReallocationResult> {
    const jobId = opts.jobId ?? null;
    const chunkSize = opts.chunkSize ?? LEVEL_REALLOCATION_CHUNK;
    const result: LevelReallocationResult = { level, poolId: null, superseded: false, members: 0, draws: 0, allocations: 0, releasedMembers: 0, released: 0 };
    const pool = await this.pools.findActivePool();
    if (!pool) {
      // Nobody holds anything; registrations and the first activation read the new quota.
      if (jobId) await this.jobs.finish(jobId, { ...result });
      return result;
    }
    result.poolId = pool.id;
    // Who is at the level is decided once, at the job's start; each member's quota is read per chunk.
    const asOf = this.clock.now();
    const total = await this.store.countMembersAtLevel(this.dataSource.manager, level, asOf);
    if (jobId) await this.jobs.start(jobId, total, { resetCounters: true });

    let after: string | null = null;
    for (;;) {
      // Read outside the chunk's transaction, as in an activation: no second pooled connection while
      // holding the bulk lock that member operations queue behind.
      const ids = await this.store.memberIdsAtLevel(this.dataSource.manager, level, asOf, after, chunkSize);
      if (ids.length === 0) break;
      const ent = await this.entitlements.forUsers(ids);
      const chunk = await this.dataSource.transaction(async (m) => {
        await advisoryXactLock(m, BULK_LOCK);
        const active = await this.pools.findActivePool(m);
        if (active?.id !== pool.id) return 'superseded' as const;
        const changes = new HeldChanges();
        const out = await this.syncChunk(m, changes, pool.id, ids, ent, jobId);
        await this.heldStocks.apply(m, changes);
        return out;
      });
      if (chunk === 'superseded') {
        result.superseded = true;
        break;
      }
      after = ids[ids.length - 1]!;
      result.members += ids.length;
      result.draws += chunk.draws;
      result.allocations += chunk.allocations;
      result.releasedMembers += chunk.releasedMembers;
      result.released += chunk.released;
      if (jobId) await this.jobs.advance(jobId, { processed: ids.length });
    }
    if (jobId) await this.jobs.finish(jobId, { ...result });
    this.logger.log(`level ${level} re-allocated: ${result.members} members, ${result.draws} topped up (+${result.allocations}), ${result.releasedMembers} above quota (−${result.released})`);
    return result;
  }

  /** One chunk, inside its transaction: releases first (their counts matter to the draws), then top-ups. */
  private async syncChunk(m: EntityManager, changes: HeldChanges, poolId: string, ids: readonly string[], ent: ReadonlyMap<string, Entitlement>, jobId: string | null): Promise<ChunkOutcome> {
    const now = this.clock.now();
    const holdings = await this.store.holdingsOf(m, poolId, ids);
    // null = unlimited; no entitlement row (a user deleted meanwhile) = nothing.
    const quotaOf = (id: string): number | null => {
      const e = ent.get(id);
      return e ? e.stockQuota : 0;
    };
    const out: ChunkOutcome = { members: ids.length, draws: 0, allocations: 0, releasedMembers: 0, released: 0 };

    const excess: ActiveHolding[] = [];
    const below: string[] = [];
    for (const id of ids) {
      const held = holdings.get(id) ?? [];
      const quota = quotaOf(id);
      const over = release(held, quota);
      if (over.length > 0) {
        excess.push(...over);
        out.releasedMembers++;
      } else if (quota === null || held.length < quota) {
        below.push(id);
      }
    }
    if (excess.length > 0) {
      const codes = await this.store.release(m, excess.map((h) => h.id), 'level_change', now);
      changes.released.push(...codes);
      await this.pools.adjustHolders(poolId, negate(countPicks([codes])), m);
      out.released = codes.length;
    }
    if (below.length === 0) return out;

    const allocator = new BalancedAllocator(await this.pools.snapshotRows(poolId, m));
    const base = allocator.snapshot();
    const baseHash = allocator.snapshotHash();
    const batchSeed = randomSeed();
    const requests = below.map((id) => ({ id, held: (holdings.get(id) ?? []).map((h) => h.tsCode), quota: quotaOf(id), seed: deriveSeed(batchSeed, id) }));
    const drawn = allocator.allocateMany(requests, { snapshotHashes: true }).filter((r) => r.picks.length > 0);
    if (drawn.length === 0) return out;
    const byId = new Map(requests.map((r) => [r.id, r]));
    const batchId = await this.store.insertBatch(m, { poolId, jobId, reason: 'level_change', seed: batchSeed, snapshot: snapshotToJson(base), snapshotHash: baseHash, members: drawn.length, createdAt: now });
    out.allocations = await this.store.insertBatchDraws(m, {
      batchId,
      poolId,
      reason: 'level_change',
      createdAt: now,
      draws: drawn.map((r) => {
        const req = byId.get(r.id)!;
        return { userId: r.id, seed: req.seed, snapshotHash: r.snapshotHash!, quota: req.quota, held: req.held, picks: r.picks };
      }),
    });
    out.draws = drawn.length;
    for (const r of drawn) changes.added.push(...r.picks);
    await this.pools.adjustHolders(poolId, holderDeltas(base, allocator.snapshot()), m);
    return out;
  }
}

function negate(counts: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...counts].map(([code, n]) => [code, -n]));
}
