import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SqlParams, sqlOrderBy, sqlWhere } from '../../common/list-query.js';
import { JOB_RECORD_SORT } from './domain/list-sorts.js';
import { JobRecord } from './entities/job-record.entity.js';

/** A `job_records` row as the `JobRecord` entity has it (alias `r`). */
const RECORD_COLUMNS = `r.id, r.kind, r.status, r.total, r.processed, r.failed, r.message, r.params, r.result, r.created_by AS "createdBy",
  r.created_at AS "createdAt", r.started_at AS "startedAt", r.finished_at AS "finishedAt"`;

/** The fields of a new record (status queued, counters zero). */
export interface NewJobRecord {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  createdBy: string | null;
}

/**
 * Every statement on `job_records`, each a narrow named method taking the caller's EntityManager
 * first (a transaction's, or `dataSource.manager` outside one). Rows are the `JobRecord` entity.
 */
@Injectable()
export class JobsStore {
  /**
   * Inserts a queued record (insert, not save: save() would turn a duplicate id into an UPDATE —
   * the insert IS the once-only check). A duplicate id throws the unique violation.
   */
  async insertRecord(m: EntityManager, r: NewJobRecord): Promise<JobRecord> {
    const record = m.create(JobRecord, {
      id: r.id,
      kind: r.kind,
      status: 'queued',
      total: 0,
      processed: 0,
      failed: 0,
      message: null,
      params: r.params,
      result: {},
      createdBy: r.createdBy,
      startedAt: null,
      finishedAt: null,
    });
    // (cast: TypeORM's deep-partial type does not accept `Record<string, unknown>` jsonb columns)
    await m.insert(JobRecord, record as never);
    return record;
  }

  /** Records of a kind still queued `olderThanSec` after they were written, oldest first. */
  queuedOlderThan(m: EntityManager, kind: string, olderThanSec: number, limit: number): Promise<Pick<JobRecord, 'id' | 'kind' | 'params'>[]> {
    return m.query(
      `SELECT r.id, r.kind, r.params FROM job_records r
        WHERE r.kind = $1 AND r.status = 'queued' AND r.created_at < now() - make_interval(secs => $2)
        ORDER BY r.created_at ASC LIMIT $3`,
      [kind, olderThanSec, limit],
    );
  }

  /** Running with `total`; the first start time kept; counters kept unless `resetCounters`. */
  async markRunning(m: EntityManager, id: string, total: number, at: Date, resetCounters: boolean): Promise<void> {
    await m.query(
      `UPDATE job_records SET status = 'running', total = $2, started_at = COALESCE(started_at, $3), finished_at = NULL, message = NULL
         ${resetCounters ? ', processed = 0, failed = 0' : ''}
       WHERE id = $1`,
      [id, total, at],
    );
  }

  async addCounters(m: EntityManager, id: string, processed: number, failed: number): Promise<void> {
    await m.query('UPDATE job_records SET processed = processed + $2, failed = failed + $3 WHERE id = $1', [id, processed, failed]);
  }

  /** Sets the counters (and `total` when given). */
  async setCounters(m: EntityManager, id: string, c: { processed: number; failed: number; total: number | null }): Promise<void> {
    await m.query('UPDATE job_records SET processed = $2, failed = $3, total = COALESCE($4, total) WHERE id = $1', [id, c.processed, c.failed, c.total]);
  }

  /** Merges keys into the result (jsonb `||`: later keys win). */
  async mergeResult(m: EntityManager, id: string, result: Record<string, unknown>): Promise<void> {
    await m.query(`UPDATE job_records SET result = result || $2::jsonb WHERE id = $1`, [id, JSON.stringify(result)]);
  }

  async markDone(m: EntityManager, id: string, at: Date, result: Record<string, unknown>): Promise<void> {
    await m.query(`UPDATE job_records SET status = 'done', finished_at = $2, result = result || $3::jsonb WHERE id = $1`, [id, at, JSON.stringify(result)]);
  }

  async markFailed(m: EntityManager, id: string, at: Date, message: string): Promise<void> {
    await m.query(`UPDATE job_records SET status = 'failed', finished_at = $2, message = $3 WHERE id = $1`, [id, at, message]);
  }

  /** One record (by id, optionally of a kind). */
  record(m: EntityManager, id: string, kind?: string): Promise<JobRecord | null> {
    return m.findOneBy(JobRecord, kind === undefined ? { id } : { id, kind });
  }

  /** A page of the records (of one kind, or all), sorted by JOB_RECORD_SORT, with the total. */
  async page(m: EntityManager, kind: string | undefined, sort: string | undefined, page: { page: number; pageSize: number }): Promise<{ rows: JobRecord[]; total: number }> {
    const p = new SqlParams();
    const where = sqlWhere([kind && `r.kind = ${p.add(kind)}`]);
    const counted: Array<{ n: number }> = await m.query(`SELECT count(*)::int AS n FROM job_records r ${where}`, p.values);
    const rows: JobRecord[] = await m.query(`SELECT ${RECORD_COLUMNS} FROM job_records r ${where} ${sqlOrderBy(sort, JOB_RECORD_SORT)} ${p.page(page)}`, p.values);
    return { rows, total: counted[0]?.n ?? 0 };
  }
}
