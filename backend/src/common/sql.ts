import { createHash } from 'node:crypto';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';

/** Stable 63-bit key for a name, so callers lock by meaning ("allocation:user:<id>"). */
export function lockKey(name: string): string {
  const h = createHash('sha256').update(name).digest();
  return (h.readBigInt64BE(0) & 0x7fffffffffffffffn).toString();
}

/** Transaction-scoped advisory lock: released at commit/rollback, never leaks. */
export async function advisoryXactLock(manager: EntityManager, name: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(name)]);
}

export async function tryAdvisoryXactLock(manager: EntityManager, name: string): Promise<boolean> {
  const rows: Array<{ ok: boolean }> = await manager.query('SELECT pg_try_advisory_xact_lock($1::bigint) AS ok', [lockKey(name)]);
  return rows[0]?.ok === true;
}

/**
 * TypeORM's postgres driver answers UPDATE/DELETE … RETURNING with `[rows, affectedCount]` but
 * INSERT/SELECT with `rows`; this gives the rows either way.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** A PostgreSQL unique violation (23505), as TypeORM wraps it (`driverError`) or as `pg` throws it. */
export function isUniqueViolation(e: unknown): boolean {
  const x = e as { driverError?: { code?: string }; code?: string } | null | undefined;
  return x?.driverError?.code === '23505' || x?.code === '23505';
}

interface PgPool {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * A SELECT's rows. Outside a transaction (the DataSource's own manager, no query runner) straight
 * on the driver's `pg` pool — the same pool, connections and parameters as `manager.query`, minus
 * TypeORM's QueryRunner made, connected and released around each statement (GET /me/stocks runs
 * three statements on every request; bench api-read). Errors are wrapped in
 * `QueryFailedError` as TypeORM wraps them, so the error filter and the outage detector see the
 * same error. Inside a transaction it is `m.query` on the transaction's connection.
 */
export async function selectRows<T>(m: EntityManager | DataSource, text: string, values: unknown[]): Promise<T[]> {
  const manager = 'manager' in m ? m.manager : m;
  if (manager.queryRunner) return (await manager.query(text, values)) as T[];
  try {
    return (await (manager.connection.driver as unknown as { master: PgPool }).master.query(text, values)).rows as T[];
  } catch (e) {
    throw new QueryFailedError(text, values, e as Error);
  }
}
