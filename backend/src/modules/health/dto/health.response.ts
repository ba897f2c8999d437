import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { HealthDto } from '@zhice/shared';

interface QueueCounts {
  waiting: number;
  active: number;
  failed: number;
  delayed: number;
}
const COUNT = { type: 'integer', example: 0 };

/** `GET /api/v1/health` (200 when everything answers, 503 with the same shape otherwise). */
export class HealthResponseDto implements HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'], example: 'ok' }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: ['up', 'down'], example: 'up' }) db: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'], example: 'up' }) queue: 'up' | 'down';
  @ApiProperty({ enum: ['postgres', 'redis'], example: 'postgres' }) queueBackend: 'postgres' | 'redis';
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'object', required: ['waiting', 'active', 'failed', 'delayed'], properties: { waiting: COUNT, active: COUNT, failed: COUNT, delayed: COUNT } },
    example: { signals: { waiting: 0, active: 0, failed: 0, delayed: 0 } },
    description: 'per queue',
  })
  queues?: Record<string, QueueCounts>;
}
