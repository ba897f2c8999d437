import pg from 'pg';
import { DataSource } from 'typeorm';
import { holdSessionLock } from '../common/session-lock.js';
import { dataSourceOptions } from './data-source-options.js';

/** Arbitrary constant shared by every instance: "zhice migrations". */
const MIGRATION_LOCK_KEY = '7316227001';

/**
 * Runs pending migrations while holding a session advisory lock on a dedicated connection, so
 * several API instances starting together migrate exactly once.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const lockClient = new pg.Client({ connectionString: url });
  await lockClient.connect();
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
  try {
    return await holdSessionLock(lockClient, MIGRATION_LOCK_KEY, async () => {
      try {
        await ds.initialize();
        const ran = await ds.runMigrations({ transaction: 'all' });
        return ran.map((m) => m.name);
      } finally {
        if (ds.isInitialized) await ds.destroy();
      }
    });
  } finally {
    await lockClient.end();
  }
}

/** SQL a migration generated from the entities would contain now; empty when the schema is current. */
export async function pendingSchemaChanges(url: string): Promise<{ up: string[]; down: string[] }> {
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
  await ds.initialize();
  try {
    const log = await ds.driver.createSchemaBuilder().log();
    return {
      up: log.upQueries.map((q) => q.query),
      down: log.downQueries.map((q) => q.query),
    };
  } finally {
    await ds.destroy();
  }
}
