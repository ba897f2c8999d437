import type { DataSource } from 'typeorm';
import { lockKey } from './sql.js';

/** Anything that runs a query on ONE connection (a TypeORM query runner, a `pg.Client`). */
export interface LockConnection {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Runs `fn` holding a session-level advisory lock on `conn` (blocks until free); the lock is
 * released afterwards whatever happens. Use when the work spans several transactions (a sync, a
 * signal run, seeding, migrations); inside one transaction use `advisoryXactLock` instead.
 * `key` is a bigint as text (`lockKey(name)`).
 */
export async function holdSessionLock<T>(conn: LockConnection, key: string, fn: () => Promise<T>): Promise<T> {
  await conn.query('SELECT pg_advisory_lock($1::bigint)', [key]);
  try {
    return await fn();
  } finally {
    await conn.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
  }
}

/** `holdSessionLock` on a dedicated connection of `dataSource`, for the lock named `name`. */
export async function withSessionLock<T>(dataSource: DataSource, name: string, fn: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    return await holdSessionLock(runner, lockKey(name), fn);
  } finally {
    await runner.release();
  }
}
