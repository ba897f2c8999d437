import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OnEvent } from '@nestjs/event-emitter';
import type { Queue } from 'bullmq';
import { QUEUES } from '../../jobs/queues.js';
import { JobsService } from '../../jobs/jobs.service.js';
import { VIP_LEVEL_STRATEGY_CHANGED, type VipLevelStrategyChangedEvent } from '../../vip/vip.events.js';
import { VipService } from '../../vip/vip.service.js';
import { ForwardReturnsService } from '../evaluation/forward-returns.service.js';
import { isStrategyId } from '../strategies/registry.js';
import { SignalRunService } from './signal-run.service.js';
import { SignalsStore } from '../signals.store.js';

export const STRATEGY_BACKFILL_JOB = 'signals.strategy-backfill';
/** Published days a newly used strategy gets signals for at once (the members' recent history). */
export const STRATEGY_BACKFILL_DAYS = 60;

/**
 * Changing a level's strategy keeps signals: `PUT /admin/vip-levels/:level {strategyId}` leaves the
 * level serving its previous strategy (vip's `served_strategy_id`) and, after the commit, this
 * listener starts a job (on the `signals` queue, with progress = days) that computes the new
 * strategy's signals for the last STRATEGY_BACKFILL_DAYS published days — added to those days as
 * rows outside the chain, never rewriting a published row — fills their forward returns, and then
 * tells vip the new strategy is ready, so members switch over with a full history.
 */
@Injectable()
export class StrategyBackfillService {
  private readonly logger = new Logger('Signals');

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly runs: SignalRunService,
    private readonly store: SignalsStore,
    private readonly forward: ForwardReturnsService,
    private readonly vip: VipService,
    @InjectQueue(QUEUES.signals) private readonly queue: Queue,
  ) {}

  /** Answers the job id (VipService.updateLevel returns it as `strategyJobId`). */
  @OnEvent(VIP_LEVEL_STRATEGY_CHANGED, { async: true, promisify: true })
  async onStrategyChanged(event: VipLevelStrategyChangedEvent): Promise<string> {
    const record = await this.jobs.enqueue(this.queue, STRATEGY_BACKFILL_JOB, { level: event.level, strategyId: event.to, from: event.from }, event.operatorId);
    this.logger.log(`level ${event.level}: ${event.from} → ${event.to}; computing ${event.to} signals (job ${record.id})`);
    return record.id;
  }

  /** The job handler. */
  async run(recordId: string, params: { level: number; strategyId: string }): Promise<{ days: number; published: number }> {
    if (!isStrategyId(params.strategyId)) throw new Error(`unknown strategy ${params.strategyId}`);
    const days = await this.store.latestPublishedDays(this.dataSource.manager, STRATEGY_BACKFILL_DAYS);
    await this.jobs.start(recordId, days.length, { resetCounters: true });
    let published = 0;
    for (const day of days) {
      published += (await this.runs.runDay(null, day, { strategyIds: [params.strategyId], fillForward: false })).published;
      await this.jobs.advance(recordId, { processed: 1 });
    }
    if (days.length > 0) await this.forward.fill(days[0]);
    const switched = await this.vip.strategyReady(params.level, params.strategyId);
    const result = { days: days.length, published, level: params.level, strategyId: params.strategyId, switched };
    await this.jobs.finish(recordId, result);
    this.logger.log(`level ${params.level}: ${params.strategyId} signals ready (${published} rows over ${days.length} days)`);
    return result;
  }
}
