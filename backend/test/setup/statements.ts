import type { INestApplication } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';

/**
 * Records every statement the app's DataSource sends while `fn` runs (the query runners it creates
 * are wrapped, and the pool's own `query`, which `selectRows` uses; `START TRANSACTION`/`COMMIT` count too). For "this route runs ≤ n statements" checks:
 * run nothing else against the app meanwhile (background jobs would be counted as well).
 */
export async function recordStatements<T>(app: INestApplication, fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const driver = app.get(DataSource).driver;
  const statements: string[] = [];
  const original = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner: QueryRunner = original(mode);
    const query = runner.query.bind(runner);
    runner.query = ((sql: string, ...rest: unknown[]) => {
      statements.push(sql.replace(/\s+/g, ' ').trim());
      return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as QueryRunner['query'];
    return runner;
  };
  const pool = (driver as unknown as { master: { query: (...a: unknown[]) => Promise<unknown> } }).master;
  const poolQuery = pool.query;
  pool.query = (sql: unknown, ...rest: unknown[]) => {
    statements.push(String(sql).replace(/\s+/g, ' ').trim());
    return poolQuery.call(pool, sql, ...rest);
  };
  try {
    const result = await fn();
    return { result, statements };
  } finally {
    driver.createQueryRunner = original;
    pool.query = poolQuery;
  }
}
