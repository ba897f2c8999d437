import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/common/sql.js';
import { JobsStore } from '../../src/modules/jobs/jobs.store.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// The jobs store's statements on the cloned template database: the record's life (insert, running,
// counters, result merges, done / failed) and the lists (stale queued records, sorted pages).
let t: TestApp;
let store: JobsStore;
let ds: DataSource;
const m = () => ds.manager;
const KIND = 'store-test.kind';
const raw = async (id: string) =>
  (await t.db.query('SELECT status, total, processed, failed, message, result, started_at, finished_at FROM job_records WHERE id = $1', [id])).rows[0] as {
    status: string;
    total: number;
    processed: number;
    failed: number;
    message: string | null;
    result: Record<string, unknown>;
    started_at: Date | null;
    finished_at: Date | null;
  };

beforeAll(async () => {
  t = await startTestApp();
  store = t.app.get(JobsStore);
  ds = t.app.get(DataSource);
}, 120_000);

afterAll(async () => t?.close());

describe('JobsStore', () => {
  it('inserts a queued record once: a second insert of the id is a unique violation; by id and by kind', async () => {
    const id = randomUUID();
    const r = await store.insertRecord(m(), { id, kind: KIND, params: { a: 1 }, createdBy: null });
    expect(r).toMatchObject({ id, kind: KIND, status: 'queued', total: 0, processed: 0, failed: 0, params: { a: 1 }, result: {} });
    const e = await store.insertRecord(m(), { id, kind: KIND, params: {}, createdBy: null }).catch((x: unknown) => x);
    expect(isUniqueViolation(e)).toBe(true);
    expect((await store.record(m(), id))?.params).toEqual({ a: 1 });
    expect(await store.record(m(), id, KIND)).not.toBeNull();
    expect(await store.record(m(), id, 'other.kind')).toBeNull();
  });

  it('running keeps the first start and the counters unless reset; counters add and set; results merge', async () => {
    const id = randomUUID();
    await store.insertRecord(m(), { id, kind: KIND, params: {}, createdBy: null });
    const t1 = new Date('2031-01-01T00:00:00Z');
    await store.markRunning(m(), id, 10, t1, false);
    await store.addCounters(m(), id, 3, 1);
    await store.addCounters(m(), id, 2, 0);
    await store.markFailed(m(), id, new Date('2031-01-01T00:05:00Z'), 'boom');
    expect(await raw(id)).toMatchObject({ status: 'failed', processed: 5, failed: 1, message: 'boom' });
    // A resume: started_at stays, finished_at and message clear, counters kept.
    await store.markRunning(m(), id, 12, new Date('2031-01-01T01:00:00Z'), false);
    let row = await raw(id);
    expect(row).toMatchObject({ status: 'running', total: 12, processed: 5, failed: 1, message: null, finished_at: null });
    expect(row.started_at?.toISOString()).toBe(t1.toISOString());
    await store.markRunning(m(), id, 12, t1, true);
    expect(await raw(id)).toMatchObject({ processed: 0, failed: 0 });
    await store.setCounters(m(), id, { processed: 7, failed: 2, total: null });
    expect(await raw(id)).toMatchObject({ processed: 7, failed: 2, total: 12 });
    await store.setCounters(m(), id, { processed: 8, failed: 2, total: 20 });
    expect(await raw(id)).toMatchObject({ processed: 8, total: 20 });
    await store.mergeResult(m(), id, { a: 1, b: 1 });
    await store.markDone(m(), id, new Date('2031-01-01T02:00:00Z'), { b: 2, c: 3 });
    row = await raw(id);
    expect(row).toMatchObject({ status: 'done', result: { a: 1, b: 2, c: 3 } });
    expect(row.finished_at?.toISOString()).toBe('2031-01-01T02:00:00.000Z');
  });

  it('stale queued records: of the kind, still queued, older than the age, oldest first, limited', async () => {
    const kind = 'store-test.stale';
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) await store.insertRecord(m(), { id, kind, params: { id }, createdBy: null });
    await t.db.query(`UPDATE job_records SET created_at = now() - interval '10 minutes' + (x.i * interval '1 second') FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, i) WHERE job_records.id = x.id`, [ids.slice(0, 3)]);
    await store.markRunning(m(), ids[1]!, 1, new Date(), false); // no longer queued
    const stale = await store.queuedOlderThan(m(), kind, 60, 500);
    expect(stale.map((r) => r.id)).toEqual([ids[0], ids[2]]);
    expect(stale[0]).toEqual({ id: ids[0], kind, params: { id: ids[0] } });
    expect((await store.queuedOlderThan(m(), kind, 60, 1)).map((r) => r.id)).toEqual([ids[0]]);
    expect(await store.queuedOlderThan(m(), kind, 3600, 500)).toEqual([]);
  });

  it('pages of a kind: sorted on a column both ways with the id as tie-breaker, pages without overlap, the total of the kind', async () => {
    const kind = 'store-test.page';
    for (let i = 0; i < 5; i++) {
      const id = randomUUID();
      await store.insertRecord(m(), { id, kind, params: {}, createdBy: null });
      await store.setCounters(m(), id, { processed: i % 2, failed: 0, total: null });
    }
    const all = await store.page(m(), kind, 'processed:asc', { page: 1, pageSize: 100 });
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => r.processed)).toEqual([0, 0, 0, 1, 1]);
    const zeros = all.rows.slice(0, 3).map((r) => r.id);
    expect(zeros).toEqual([...zeros].sort());
    const desc = await store.page(m(), kind, 'processed:desc', { page: 1, pageSize: 100 });
    expect(desc.rows.map((r) => r.id)).toEqual(all.rows.map((r) => r.id).reverse());
    const p1 = await store.page(m(), kind, 'processed:asc', { page: 1, pageSize: 2 });
    const p3 = await store.page(m(), kind, 'processed:asc', { page: 3, pageSize: 2 });
    expect(p1.total).toBe(5);
    expect([...p1.rows, ...p3.rows].map((r) => r.id)).toEqual([all.rows[0]!.id, all.rows[1]!.id, all.rows[4]!.id]);
    const any = await store.page(m(), undefined, undefined, { page: 1, pageSize: 1000 });
    expect(any.total).toBeGreaterThan(5);
    expect(any.rows.some((r) => r.kind === KIND)).toBe(true);
  });

  it('page rows are the record as the entity reads it; a nullable column keeps PostgreSQL\'s null order (first descending)', async () => {
    const kind = 'store-test.nulls';
    const [done, open] = [randomUUID(), randomUUID()];
    await store.insertRecord(m(), { id: done, kind, params: { x: 1 }, createdBy: null });
    await store.insertRecord(m(), { id: open, kind, params: {}, createdBy: null });
    await store.markDone(m(), done, new Date('2026-03-01T00:00:00Z'), { ok: true });
    const asc = await store.page(m(), kind, 'finishedAt:asc', { page: 1, pageSize: 10 });
    expect(asc.rows.map((r) => r.id)).toEqual([done, open]);
    const desc = await store.page(m(), kind, 'finishedAt:desc', { page: 1, pageSize: 10 });
    expect(desc.rows.map((r) => r.id)).toEqual([open, done]);
    for (const r of asc.rows) expect(r).toEqual({ ...(await store.record(m(), r.id)) });
  });
});
