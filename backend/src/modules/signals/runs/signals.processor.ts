import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { uuidFromName } from '../../../common/ids.js';
import { QUEUES } from '../../jobs/queues.js';
import { DuplicateJobError, JobsService } from '../../jobs/jobs.service.js';
import { queueSchedules, RecordedProcessor, type JobHandlers } from '../../jobs/recorded-processor.js';
import { MarketDataService } from '../../market-data/market-data.service.js';
import { SIGNAL_DAILY_JOB, SIGNAL_RUN_JOB, SignalRunService } from './signal-run.service.js';
import { STRATEGY_BACKFILL_JOB, StrategyBackfillService } from './strategy-backfill.service.js';

interface RunJobData {
  recordId?: string;
  tradeDate?: string;
}

/** The `signals` queue's worker: runs (one at a time per instance) and the daily trigger. */
@Processor(QUEUES.signals, { concurrency: 1 })
export class SignalsProcessor extends RecordedProcessor {
  protected readonly logger = new Logger('Signals');

  constructor(
    private readonly runs: SignalRunService,
    protected readonly jobs: JobsService,
    private readonly market: MarketDataService,
    private readonly backfill: StrategyBackfillService,
  ) {
    super();
  }

  protected handlers(): JobHandlers {
    return {
      [SIGNAL_RUN_JOB]: (job) => this.run(job),
      [SIGNAL_DAILY_JOB]: () => this.enqueueDaily(),
      [STRATEGY_BACKFILL_JOB]: (job: Job<{ recordId?: string; level?: number; strategyId?: string }>) => {
        const { recordId, level, strategyId } = job.data;
        if (!recordId || level === undefined || !strategyId) throw new Error('strategy backfill job without recordId/level/strategyId');
        return this.backfill.run(recordId, { level, strategyId });
      },
    };
  }

  private async run(job: Job<RunJobData>) {
    const { recordId, tradeDate } = job.data;
    if (!recordId || !tradeDate) throw new Error('signals.run job without recordId/tradeDate');
    return this.runs.runDay(recordId, tradeDate);
  }

  /** The daily trigger: a run for the latest stored trading day, with one job id per date (N instances enqueue it once). */
  private async enqueueDaily(): Promise<{ id: string | null; enqueued: boolean }> {
    const date = await this.market.latestTradeDate();
    if (!date) return { id: null, enqueued: false };
    const id = signalRunIdFor(date);
    try {
      await this.runs.start(date, null, { id });
    } catch (e) {
      if (e instanceof DuplicateJobError) return { id, enqueued: false };
      throw e;
    }
    return { id, enqueued: true };
  }
}

/** The daily run, as data. */
export const SignalsSchedule = queueSchedules(QUEUES.signals, 'Signals', [{ id: 'signals-daily', job: SIGNAL_DAILY_JOB, cron: (c) => c.signalRunCron }]);

/** The scheduled run's record id for a trade date: a stable UUID (v5 layout over SHA-256). */
export function signalRunIdFor(tradeDate: string): string {
  return uuidFromName(`signals.daily:${tradeDate}`);
}
