import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import { dbOutage, RepeatLimiter } from '../../common/db-outage.js';
import { ALL_QUEUES } from './queues.js';
import type { QueueBackendKind } from './queue-backend.js';
import { QUEUE_BACKEND_KIND } from './queue-backend-kind.js';

interface Emitter {
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/**
 * Every Queue and Worker gets an 'error' listener. Without one BullMQ prints each error object to
 * stderr (its emit falls back to `console.error`), and while PostgreSQL is down or restarting each
 * worker loop fails over and over: hundreds of MB of dumps. A lost database is logged once per
 * outage (`dbOutage`, PostgreSQL backend); any other error — Redis unreachable included — once a
 * minute per queue and message.
 */
@Injectable()
export class QueueErrors implements OnApplicationBootstrap {
  private readonly logger = new Logger('Queues');
  private readonly limiter = new RepeatLimiter();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly moduleRef: ModuleRef,
    @Inject(QUEUE_BACKEND_KIND) private readonly backend: QueueBackendKind,
  ) {}

  onApplicationBootstrap(): void {
    for (const name of ALL_QUEUES) {
      const queue = this.moduleRef.get<Emitter>(getQueueToken(name), { strict: false });
      this.listen(queue, `queue ${name}`);
    }
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof WorkerHost)) continue;
      this.listen(instance.worker as Emitter, `worker ${instance.worker.name}`);
    }
  }

  /** The listener of one emitter (exported for the spec). */
  listen(emitter: Emitter, source: string): void {
    emitter.on('error', (err) => this.handle(source, err));
  }

  handle(source: string, err: unknown): void {
    if (this.backend === 'postgres' && dbOutage.report(source, err)) return;
    const message = err instanceof Error ? err.message : String(err);
    if (this.limiter.shouldLog(`${source}\u0000${message}`)) this.logger.error(`${source}: ${message}`);
  }
}
