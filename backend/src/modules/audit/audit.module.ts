import { Controller, Get, Module, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiXlsxResponse } from '../../common/xlsx-export.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Roles } from '../../common/auth.decorators.js';
import { AuditEntities } from './audit.entities.js';
import { ListOperationLogsQueryDto } from './list-operation-logs.query.js';
import { OperationLogService } from './operation-log.service.js';
import { AuditStore } from './audit.store.js';
import { OperationLogPageDto } from './dto/operation-log.response.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/operation-logs')
export class OperationLogsController {
  constructor(private readonly logs: OperationLogService) {}

  @ApiOperation({ summary: 'List operation logs' })
  @ApiOkResponse({ type: OperationLogPageDto })
  @Roles('admin')
  @Get()
  list(@Query() q: ListOperationLogsQueryDto) {
    return this.logs.list(q);
  }

  @ApiOperation({ summary: 'Export operation logs as XLSX (same filters and sort)' })
  @Roles('admin')
  @Get('export')
  @ApiXlsxResponse()
  async export(@Query() q: ListOperationLogsQueryDto, @Res() res: Response) {
    await this.logs.export(q, res);
  }

  @ApiOperation({ summary: 'List the operation log action names' })
  @ApiOkResponse({ type: [String], description: 'action codes, e.g. `vip.grant`' })
  @Roles('admin')
  @Get('actions')
  actions() {
    return this.logs.actions();
  }
}

/** Not global: a module that records audit entries imports this one. */
@Module({
  imports: [TypeOrmModule.forFeature(AuditEntities)],
  controllers: [OperationLogsController],
  providers: [OperationLogService, AuditStore],
  exports: [OperationLogService],
})
export class AuditModule {}
