import 'reflect-metadata';
import { createApp } from './bootstrap.js';
import { ConfigError, loadConfig, readEnv } from './config/config.js';
import { resolveDatabase } from './database/database-url.js';
import { runMigrations } from './database/migrate.js';
import { DemoDataService } from './modules/demo-data/demo-data.service.js';

/**
 * `npm run demo:leave` — the admin panel's "leave demo mode" from the command line: removes demo
 * stocks, pool, synthetic bars, signals and chain entries in one transaction (DemoDataService) and
 * prints what went. With the embedded database, stop the running app first (one server per DATA_DIR).
 */
async function main() {
  let config;
  try {
    config = loadConfig(readEnv());
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  // No schedules, no seeding: this process only runs the one transaction.
  const cliConfig = { ...config, schedulerEnabled: false };
  const { url, embedded } = await resolveDatabase(config);
  try {
    await runMigrations(url);
    const app = await createApp({ config: cliConfig, databaseUrl: url });
    await app.init();
    try {
      const removed = await app.get(DemoDataService).leave(null, null);
      console.log(JSON.stringify({ leftDemoMode: true, ...removed }, null, 2));
    } finally {
      await app.close();
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
