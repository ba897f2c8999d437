import { InjectQueue, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { QueueName } from './queues.js';
import type { JobsService } from './jobs.service.js';

/** A queue's handlers by job name. */
export type JobHandlers = Record<string, (job: Job) => Promise<unknown>>;

/**
 * The base of every queue's worker (`@Processor(QUEUES.x) class XProcessor extends RecordedProcessor`):
 * dispatches by job name (an unknown name fails the job), and when a job carrying a `recordId`
 * (a `job_records` row, see `JobsService.enqueue`) fails, logs the attempt and marks the record
 * failed once BullMQ gives up — earlier attempts leave it running, so a retry resumes where the
 * failed attempt stopped; `attemptFailed` lets a queue mark its own rows too. Handlers report
 * progress through `JobsService.advance` / `ProgressReporter`.
 */
export abstract class RecordedProcessor extends WorkerHost {
  protected abstract readonly logger: Logger;
  protected abstract readonly jobs: JobsService;
  /** The handlers of this queue, by job name. */
  protected abstract handlers(): JobHandlers;

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers()[job.name];
    if (!handler) throw new Error(`unknown job ${job.name}`);
    const recordId = (job.data as { recordId?: unknown } | undefined)?.recordId;
    if (typeof recordId !== 'string') return handler(job);
    try {
      return await handler(job);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const attempt = job.attemptsMade + 1;
      const final = attempt >= (job.opts.attempts ?? 1);
      this.logger.error(`${job.name} ${recordId} failed (attempt ${attempt}${final ? ', final' : ', will retry'}): ${message}`);
      if (final) await this.jobs.fail(recordId, message);
      await this.attemptFailed(job, message, attempt, final);
      throw e;
    }
  }

  /**
   * After a recorded job's attempt failed (logged; on the final one the record is already marked
   * failed): a queue whose own rows must show the failure too (a batch, an order) overrides this.
   */
  protected async attemptFailed(_job: Job, _message: string, _attempt: number, _final: boolean): Promise<void> {}
}

/** A repeating job, as data: BullMQ job scheduler `id` enqueues `job` on `cron(config)`, Asia/Shanghai. */
export interface JobSchedule {
  id: string;
  job: string;
  cron: (config: AppConfig) => string;
}

const SCHEDULE_JOB_OPTS = { removeOnComplete: 100, removeOnFail: 100 };

/**
 * The provider that registers a queue's schedules at boot (unless `SCHEDULER_ENABLED=false`).
 * Schedules only enqueue; a BullMQ job scheduler fires once cluster-wide per period, and the
 * handler dedupes by a job id per period (`uuidFromName`). Usage:
 * `export const XSchedule = queueSchedules(QUEUES.x, 'X', [{ id: 'x-daily', job: X_DAILY_JOB, cron: (c) => c.xCron }]);`
 * and list `XSchedule` in the module's providers.
 */
export function queueSchedules(queue: QueueName, logName: string, schedules: JobSchedule[]): Type<OnApplicationBootstrap> {
  @Injectable()
  class QueueSchedules implements OnApplicationBootstrap {
    private readonly logger = new Logger(logName);

    constructor(
      @InjectQueue(queue) private readonly queue: Queue,
      @Inject(APP_CONFIG) private readonly config: AppConfig,
    ) {}

    async onApplicationBootstrap(): Promise<void> {
      if (!this.config.schedulerEnabled) return;
      for (const s of schedules) {
        const pattern = s.cron(this.config);
        await this.queue.upsertJobScheduler(s.id, { pattern, tz: 'Asia/Shanghai' }, { name: s.job, opts: SCHEDULE_JOB_OPTS });
        this.logger.log(`${s.job} scheduled (${pattern} Asia/Shanghai)`);
      }
    }
  }
  Object.defineProperty(QueueSchedules, 'name', { value: `${logName}Schedules` });
  return QueueSchedules;
}

/** Progress to the job record at most every `everyMs` (one small UPDATE each), and on `flush()`. */
export class ProgressReporter {
  private pending = { processed: 0, failed: 0 };
  private last = 0;

  constructor(
    private readonly jobs: JobsService,
    private readonly jobId: string,
    private readonly snapshot: () => Record<string, unknown> = () => ({}),
    private readonly everyMs = 250,
  ) {}

  async add(processed: number, failed = 0): Promise<void> {
    this.pending.processed += processed;
    this.pending.failed += failed;
    if (performance.now() - this.last >= this.everyMs) await this.flush();
  }

  async flush(): Promise<void> {
    this.last = performance.now();
    if (this.pending.processed > 0 || this.pending.failed > 0) await this.jobs.advance(this.jobId, this.pending);
    this.pending = { processed: 0, failed: 0 };
    const result = this.snapshot();
    if (Object.keys(result).length > 0) await this.jobs.mergeResult(this.jobId, result);
  }
}
