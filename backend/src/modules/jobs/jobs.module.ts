import { BullModule } from '@nestjs/bullmq';
import { Controller, Get, Global, Module, Param, Query, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IsOptional, Matches } from 'class-validator';
import { Roles } from '../../common/auth.decorators.js';
import { ALL_QUEUES } from './queues.js';
import type { QueueBackendKind } from './queue-backend.js';
import { JobEntities } from './jobs.entities.js';
import { JobsService, ListJobRecordsQueryDto, toJobProgress } from './jobs.service.js';
import { JobsStore } from './jobs.store.js';
import { QueueErrors } from './queue-errors.js';
import { QUEUE_BACKEND_KIND } from './queue-backend-kind.js';
import { JobDetailResponseDto, JobProgressPageDto } from './dto/jobs.response.js';

export class ListJobsQueryDto extends ListJobRecordsQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_.-]{0,47}$/)
  kind?: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @ApiOperation({ summary: 'List background jobs' })
  @ApiOkResponse({ type: JobProgressPageDto })
  @Roles('admin')
  @Get()
  list(@Query() q: ListJobsQueryDto) {
    return this.jobs.list(q);
  }

  @ApiOperation({ summary: 'Get a background job with its progress, params and result' })
  @ApiOkResponse({ type: JobDetailResponseDto })
  @Roles('admin')
  @Get(':id')
  async get(@Param('id') id: string) {
    const r = await this.jobs.get(id);
    return { ...toJobProgress(r), params: r.params, result: r.result };
  }
}

export { QUEUE_BACKEND_KIND };

@Global()
@Module({})
export class JobsModule {
  static forRoot(backend: { kind: QueueBackendKind; connection: unknown }): DynamicModule {
    const queues = BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name })));
    return {
      module: JobsModule,
      imports: [
        TypeOrmModule.forFeature(JobEntities),
        DiscoveryModule,
        BullModule.forRoot({ connection: backend.connection as never, prefix: 'zhice' }),
        queues,
      ],
      controllers: [JobsController],
      providers: [JobsService, JobsStore, QueueErrors, { provide: QUEUE_BACKEND_KIND, useValue: backend.kind }],
      exports: [JobsService, queues, QUEUE_BACKEND_KIND],
    };
  }
}
