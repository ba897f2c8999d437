import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/** The ONE DataSource definition, used by the app, the CLI, tests and benchmarks. */
export function dataSourceOptions(url: string, overrides: Partial<{ poolSize: number; logging: boolean }> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    logging: overrides.logging ?? false,
    // Idle connections kept for a minute (pg's default is 10 s): after a quiet spell the next burst
    // of requests would otherwise pay a new connection and SCRAM handshake each.
    extra: { max: overrides.poolSize ?? 20, idleTimeoutMillis: 60_000 },
  };
}
