import { createPostgresBackend, createRedisBackend, setDefaultBackendFactory } from 'bullmq';
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
  return { kind: 'postgres', connection: { connectionString: databaseUrl, schema: 'bullmq', migrate: true, max: 3 } };
}
