import { Logger } from '@nestjs/common';
import { createPostgresBackend, createRedisBackend, setDefaultBackendFactory } from 'bullmq';
import pg from 'pg';
import type { AppConfig } from '../../config/config.js';

export type QueueBackendKind = 'postgres' | 'redis';

/**
 * BullMQ on PostgreSQL (its own schema `bullmq` in our database) unless REDIS_URL is set.
 * Must run before any Queue or Worker is constructed: the factory is process-wide.
 */
export function configureQueueBackend(config: Pick<AppConfig, 'redisUrl'>, databaseUrl: string): { kind: QueueBackendKind; connection: unknown } {
  if (config.redisUrl) {
    setDefaultBackendFactory(createRedisBackend);
    const u = new URL(config.redisUrl);
    return {
      kind: 'redis',
      connection: {
        host: u.hostname,
        port: Number(u.port || 6379),
        username: u.username || undefined,
        password: u.password ? decodeURIComponent(u.password) : undefined,
        db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
        tls: u.protocol === 'rediss:' ? {} : undefined,
        maxRetriesPerRequest: null,
      },
    };
  }
  setDefaultBackendFactory(createPostgresBackend);
  // Every Queue and Worker owns a small pool; keep each one small so N queues fit in max_connections.
  return { kind: 'postgres', connection: { connectionString: databaseUrl, schema: 'bullmq', migrate: true, max: 3, Client: GuardedClient } };
}

const log = new Logger('Jobs');

/**
 * The client class of BullMQ's pools (pg-pool's `Client` option). BullMQ checks a client out of
 * its pool without an 'error' listener while it bootstraps a connection; when PostgreSQL dies
 * (kill -9, a restart) the server's "terminating connection" arrives on that client as an 'error'
 * event with no listener, which Node turns into an uncaught exception that ends the app. Every
 * client gets a listener from birth: a dead client only fails its own queries (BullMQ retries),
 * and the app keeps answering 503 DB_UNAVAILABLE until the database is back.
 */
class GuardedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', (e: Error) => log.debug(`queue connection lost: ${e.message}`));
  }
}
