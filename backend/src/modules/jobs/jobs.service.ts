import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { JobProgress, Paged } from '@zhice/shared';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import { Clock } from '../../common/clock.js';
import { SortedPageQuery } from '../../common/list-query.js';
import { paged } from '../../common/pagination.js';
import { isUniqueViolation } from '../../common/sql.js';
import { DEFAULT_JOB_OPTIONS } from './queues.js';
import type { JobRecord } from './entities/job-record.entity.js';
import { JOB_RECORD_SORT } from './domain/list-sorts.js';
import { JobsStore } from './jobs.store.js';

export { JOB_RECORD_SORT };

export class ListJobRecordsQueryDto extends SortedPageQuery(JOB_RECORD_SORT) {}

/** A job with this id was already enqueued (by this or another instance). */
export class DuplicateJobError extends Error {
  constructor(readonly jobId: string) {
    super(`job ${jobId} already exists`);
  }
}

/**
 * The job-progress convention: a `job_records` row per long job, created before it is queued,
 * advanced by the handler (processed / total / failed), read over the API by id.
 */
@Injectable()
export class JobsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly store: JobsStore,
  ) {}

  /** Creates the record and queues the job with the record id as BullMQ job id (dedupes retries). */
  async enqueue(queue: Queue, kind: string, params: Record<string, unknown>, createdBy: string | null, opts: { id?: string; attempts?: number } = {}): Promise<JobRecord> {
    const record = await this.create(kind, params, createdBy, { id: opts.id });
    await this.submit(queue, record, { attempts: opts.attempts });
    return record;
  }

  /**
   * The record alone, status queued. With `manager` it is written in the caller's transaction, so a
   * change and the job that follows it up commit (or roll back) together; `submit` it after the commit.
   */
  async create(kind: string, params: Record<string, unknown>, createdBy: string | null, opts: { id?: string; manager?: EntityManager } = {}): Promise<JobRecord> {
    const id = opts.id ?? randomUUID();
    // The insert IS the once-only check for callers that dedupe by id (daily triggers on several instances).
    try {
      return await this.store.insertRecord(opts.manager ?? this.dataSource.manager, { id, kind, params, createdBy });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new DuplicateJobError(id);
      }
      throw e;
    }
  }

  /**
   * `create` inside the caller's transaction (transaction first, as the stores take it): a change
   * and the job record that follows it up commit or roll back together; the job is queued after the
   * commit (`submit`), usually by the module that runs it, on the change's event.
   */
  createIn(m: EntityManager, kind: string, params: Record<string, unknown>, createdBy: string | null): Promise<JobRecord> {
    return this.create(kind, params, createdBy, { manager: m });
  }

  /** Queues the job of a created record under the record's id. */
  async submit(queue: Queue, record: Pick<JobRecord, 'id' | 'kind' | 'params'>, opts: { attempts?: number } = {}): Promise<void> {
    await queue.add(record.kind, { recordId: record.id, ...record.params }, { ...DEFAULT_JOB_OPTIONS, attempts: opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts, jobId: record.id });
  }

  /**
   * Records of a kind still `queued` more than `olderThanSec` after they were written: created in a
   * transaction whose follow-up `submit` never happened (a crash right after the commit) or still
   * waiting behind a backlog. Submitting them again is safe: the record id is the BullMQ job id.
   */
  queuedOlderThan(kind: string, olderThanSec: number, limit = 500): Promise<Pick<JobRecord, 'id' | 'kind' | 'params'>[]> {
    return this.store.queuedOlderThan(this.dataSource.manager, kind, olderThanSec, limit);
  }

  /** A handler (re)starting: sets total, keeps counters when resuming after a crash. */
  async start(id: string, total: number, opts: { resetCounters?: boolean } = {}): Promise<void> {
    await this.store.markRunning(this.dataSource.manager, id, total, this.clock.now(), opts.resetCounters === true);
  }

  async advance(id: string, delta: { processed?: number; failed?: number }): Promise<void> {
    await this.store.addCounters(this.dataSource.manager, id, delta.processed ?? 0, delta.failed ?? 0);
  }

  async setCounters(id: string, counters: { processed: number; failed: number; total?: number }): Promise<void> {
    await this.store.setCounters(this.dataSource.manager, id, { processed: counters.processed, failed: counters.failed, total: counters.total ?? null });
  }

  async mergeResult(id: string, result: Record<string, unknown>): Promise<void> {
    await this.store.mergeResult(this.dataSource.manager, id, result);
  }

  async finish(id: string, result: Record<string, unknown> = {}): Promise<void> {
    await this.store.markDone(this.dataSource.manager, id, this.clock.now(), result);
  }

  async fail(id: string, message: string): Promise<void> {
    await this.store.markFailed(this.dataSource.manager, id, this.clock.now(), message.slice(0, 2000));
  }

  async get(id: string): Promise<JobRecord> {
    const row = /^[0-9a-f-]{36}$/.test(id) ? await this.store.record(this.dataSource.manager, id) : null;
    if (!row) throw AppException.notFound('JOB_NOT_FOUND', 'Job not found');
    return row;
  }

  async list(q: ListJobRecordsQueryDto & { kind?: string }): Promise<Paged<JobProgress>> {
    const { rows, total } = await this.records(q.kind, q);
    return paged(rows.map(toJobProgress), total, q);
  }

  /**
   * A page of the records (of one kind, or all), sorted by JOB_RECORD_SORT: the modules' run lists
   * (market syncs, signal runs) map them to their own DTOs.
   */
  async records(kind: string | undefined, q: ListJobRecordsQueryDto): Promise<{ rows: JobRecord[]; total: number }> {
    return this.store.page(this.dataSource.manager, kind, q.sort, q);
  }

  /** One record of a kind, or null (also for an id that is no UUID). */
  async findOfKind(id: string, kind: string): Promise<JobRecord | null> {
    return /^[0-9a-f-]{36}$/i.test(id) ? this.store.record(this.dataSource.manager, id, kind) : null;
  }
}

export function toJobProgress(r: JobRecord): JobProgress {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    total: r.total,
    processed: r.processed,
    failed: r.failed,
    message: r.message,
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
