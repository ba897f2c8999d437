import { ApiProperty } from '@nestjs/swagger';
import type { JobProgress, JobStatus } from '@zhice/shared';

export class JobProgressResponseDto implements JobProgress {
  @ApiProperty({ format: 'uuid', example: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f' }) id: string;
  @ApiProperty({ example: 'signals.run' }) kind: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'], example: 'done' }) status: JobStatus;
  @ApiProperty({ example: 50 }) total: number;
  @ApiProperty({ example: 50 }) processed: number;
  @ApiProperty({ example: 0 }) failed: number;
  @ApiProperty({ type: String, nullable: true, example: null }) message: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T10:00:01.000Z' }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T10:00:09.000Z' }) finishedAt: string | null;
}

export class JobProgressPageDto {
  @ApiProperty({ type: [JobProgressResponseDto] }) items: JobProgressResponseDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

/** `GET /admin/jobs/:id`: the progress with the job's parameters and result. */
export class JobDetailResponseDto extends JobProgressResponseDto {
  @ApiProperty({ type: 'object', additionalProperties: true, example: { tradeDate: '2026-02-27' } }) params: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { published: 100 } }) result: Record<string, unknown>;
}
