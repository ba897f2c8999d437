import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

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
