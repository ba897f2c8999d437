import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { DiscoveryService } from '@nestjs/core';
import type { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dbOutage } from '../../src/common/db-outage.js';
import { ALL_QUEUES } from '../../src/modules/jobs/queues.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

/**
 * Issue 10 item 7: with PostgreSQL down every BullMQ worker loop fails over and over. A Queue or
 * Worker without an 'error' listener has BullMQ print each error object to stderr (> 512 MB on a
 * loaded CI after a kill -9); every one has a listener, and a lost database is logged once.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { seed: false });
}, 180_000);
afterAll(async () => t?.close());

function workers(): Worker[] {
  return t.app
    .get(DiscoveryService)
    .getProviders()
    .map((w) => w.instance as unknown)
    .filter((i): i is WorkerHost => i instanceof WorkerHost)
    .map((i) => i.worker);
}

describe('queue and worker errors', () => {
  it('every queue and every worker has an error listener', () => {
    for (const name of ALL_QUEUES) {
      const queue = t.app.get<Queue>(getQueueToken(name), { strict: false });
      expect(queue.listenerCount('error'), `queue ${name}`).toBeGreaterThan(0);
    }
    const all = workers();
    expect(all.map((w) => w.name).sort()).toEqual([...ALL_QUEUES].sort());
    for (const w of all) expect(w.listenerCount('error'), `worker ${w.name}`).toBeGreaterThan(0);
  });

  it('a lost database from a worker is logged once per outage, never dumped to stderr', () => {
    const stderr = vi.spyOn(console, 'error');
    const warn = vi.spyOn((dbOutage as unknown as { logger: { warn: (m: string) => void } }).logger, 'warn');
    try {
      const w = workers()[0]!;
      const down = Object.assign(new Error('the database system is starting up'), { code: '57P03', severity: 'FATAL' });
      for (let i = 0; i < 200; i++) w.emit('error', down);
      expect(dbOutage.down).toBe(true);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      dbOutage.recovered();
      stderr.mockRestore();
      warn.mockRestore();
    }
  });
});
