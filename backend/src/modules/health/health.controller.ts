import { getQueueToken } from '@nestjs/bullmq';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthDto } from '@zhice/shared';
import type { Queue } from 'bullmq';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth.decorators.js';
import { ALL_QUEUES } from '../jobs/queues.js';
import type { QueueBackendKind } from '../jobs/queue-backend.js';
import { QUEUE_BACKEND_KIND } from '../jobs/jobs.module.js';
import { HealthResponseDto } from './dto/health.response.js';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    @Inject(QUEUE_BACKEND_KIND) private readonly backendKind: QueueBackendKind,
  ) {}

  /** 200 when the database and the queue backend answer, 503 otherwise (for load balancers). */
  @ApiOperation({ summary: 'Health of the database and the job queues' })
  @ApiOkResponse({ type: HealthResponseDto })
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const db = await withTimeout(this.dataSource.query('SELECT 1'), 3000).then(() => 'up' as const, () => 'down' as const);
    const queues: NonNullable<HealthDto['queues']> = {};
    let queue: 'up' | 'down' = 'up';
    // All queues at once: with the backend down each probe waits out its timeout, and a load
    // balancer should hear "down" after one timeout, not one per queue.
    await Promise.all(
      ALL_QUEUES.map(async (name) => {
        const q = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
        try {
          const c = await withTimeout(q.getJobCounts('waiting', 'active', 'failed', 'delayed'), 3000);
          queues[name] = { waiting: c.waiting ?? 0, active: c.active ?? 0, failed: c.failed ?? 0, delayed: c.delayed ?? 0 };
        } catch {
          queue = 'down';
        }
      }),
    );
    const ok = db === 'up' && queue === 'up';
    if (!ok) res.status(503);
    return { status: ok ? 'ok' : 'degraded', db, queue, queueBackend: this.backendKind, queues };
  }
}
