import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { JobProgress, Paged } from '@zhice/shared';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import { Clock } from '../../common/clock.js';
import { findOrder, SortedPageQuery, type SortSpec } from '../../common/list-query.js';
import { pageOffset, paged } from '../../common/pagination.js';
import { isUniqueViolation } from '../../common/sql.js';
import { DEFAULT_JOB_OPTIONS } from './queues.js';
import { JobRecord } from './entities/job-record.entity.js';

/** Job-record lists' sortable columns (entity properties): admin jobs, signal runs, market syncs. */
export const JOB_RECORD_SORT: SortSpec<'createdAt' | 'status' | 'kind' | 'startedAt' | 'finishedAt' | 'processed' | 'total' | 'failed'> = {
  columns: { createdAt: 'createdAt', status: 'status', kind: 'kind', startedAt: 'startedAt', finishedAt: 'finishedAt', processed: 'processed', total: 'total', failed: 'failed' },
  default: { field: 'createdAt', dir: 'desc' },
  tieBreaker: 'id',
};

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
    const manager = opts.manager ?? this.dataSource.manager;
    const record = manager.create(JobRecord, {
      id: opts.id ?? randomUUID(),
      kind,
      status: 'queued',
      total: 0,
      processed: 0,
      failed: 0,
      message: null,
      params,
      result: {},
      createdBy,
      startedAt: null,
      finishedAt: null,
    });
    // insert, not save: save() would turn a duplicate id into an UPDATE. The insert IS the
    // once-only check for callers that dedupe by id (daily triggers on several instances).
    // (cast: TypeORM's deep-partial type does not accept `Record<string, unknown>` jsonb columns)
    try {
      await manager.insert(JobRecord, record as never);
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new DuplicateJobError(record.id);
      }
      throw e;
    }
    return record;
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
    return this.dataSource.manager
      .createQueryBuilder(JobRecord, 'r')
      .select(['r.id', 'r.kind', 'r.params'])
      .where(`r.kind = :kind AND r.status = 'queued' AND r.created_at < now() - make_interval(secs => :olderThanSec)`, { kind, olderThanSec })
      .orderBy('r.created_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** A handler (re)starting: sets total, keeps counters when resuming after a crash. */
  async start(id: string, total: number, opts: { resetCounters?: boolean } = {}): Promise<void> {
    await this.dataSource.query(
      `UPDATE job_records SET status = 'running', total = $2, started_at = COALESCE(started_at, $3), finished_at = NULL, message = NULL
         ${opts.resetCounters ? ', processed = 0, failed = 0' : ''}
       WHERE id = $1`,
      [id, total, this.clock.now()],
    );
  }

  async advance(id: string, delta: { processed?: number; failed?: number }): Promise<void> {
    await this.dataSource.query('UPDATE job_records SET processed = processed + $2, failed = failed + $3 WHERE id = $1', [id, delta.processed ?? 0, delta.failed ?? 0]);
  }

  async setCounters(id: string, counters: { processed: number; failed: number; total?: number }): Promise<void> {
    await this.dataSource.query('UPDATE job_records SET processed = $2, failed = $3, total = COALESCE($4, total) WHERE id = $1', [id, counters.processed, counters.failed, counters.total ?? null]);
  }

  async mergeResult(id: string, result: Record<string, unknown>): Promise<void> {
    await this.dataSource.query(`UPDATE job_records SET result = result || $2::jsonb WHERE id = $1`, [id, JSON.stringify(result)]);
  }

  async finish(id: string, result: Record<string, unknown> = {}): Promise<void> {
    await this.dataSource.query(`UPDATE job_records SET status = 'done', finished_at = $2, result = result || $3::jsonb WHERE id = $1`, [id, this.clock.now(), JSON.stringify(result)]);
  }

  async fail(id: string, message: string): Promise<void> {
    await this.dataSource.query(`UPDATE job_records SET status = 'failed', finished_at = $2, message = $3 WHERE id = $1`, [id, this.clock.now(), message.slice(0, 2000)]);
  }

  async get(id: string): Promise<JobRecord> {
    const row = /^[0-9a-f-]{36}$/.test(id) ? await this.dataSource.manager.findOneBy(JobRecord, { id }) : null;
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
    const [rows, total] = await this.dataSource.manager.findAndCount(JobRecord, {
      where: kind ? { kind } : {},
      order: findOrder(q.sort, JOB_RECORD_SORT),
      ...pageOffset(q),
    });
    return { rows, total };
  }

  /** One record of a kind, or null (also for an id that is no UUID). */
  async findOfKind(id: string, kind: string): Promise<JobRecord | null> {
    return /^[0-9a-f-]{36}$/i.test(id) ? this.dataSource.manager.findOneBy(JobRecord, { id, kind }) : null;
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
