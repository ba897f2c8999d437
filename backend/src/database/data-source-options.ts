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
    extra: { max: overrides.poolSize ?? 20 },
  };
}
