import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../common/auth.decorators.js';
import { AllocationExportService } from './allocation-export.service.js';
import { AllocationQueryService } from './allocation-query.service.js';
import { AllocationService } from './allocation.service.js';
import { ExportAllocationsQueryDto, ListAllocationsQueryDto, ListDrawsQueryDto, NoBodyDto, RerollDto } from './dto/allocation.dto.js';
import { PoolActivationService } from './pool-activation.service.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MyStocksController {
  constructor(private readonly allocation: AllocationService) {}

  @ApiOperation({ summary: 'List my allocated stocks' })
  @Roles('user')
  @Get('stocks')
  stocks(@CurrentUser() user: AuthUser) {
    return this.allocation.myStocks(user.id);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/stock-pools')
export class PoolActivationController {
  constructor(private readonly activation: PoolActivationService) {}

  @ApiOperation({ summary: 'Activate a stock pool (allocates stocks to members)' })
  @Post(':id/activate')
  @HttpCode(202)
  activate(@Param('id') id: string, @Body() _body: NoBodyDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.activation.activate(id, op, meta);
  }

  @ApiOperation({ summary: 'Get the progress of a pool activation' })
  @Get(':id/activation')
  progress(@Param('id') id: string) {
    return this.activation.progress(id);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/allocations')
export class AdminAllocationsController {
  constructor(
    private readonly allocation: AllocationService,
    private readonly query: AllocationQueryService,
    private readonly exporter: AllocationExportService,
  ) {}

  @ApiOperation({ summary: 'List allocations' })
  @Get()
  list(@Query() q: ListAllocationsQueryDto) {
    return this.query.list(q);
  }

  @ApiOperation({ summary: 'Export allocations as XLSX or JSON' })
  @Get('export')
  @ApiProduces('application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@Query() q: ExportAllocationsQueryDto, @Res() res: Response) {
    await this.exporter.export(q, res);
  }

  @ApiOperation({ summary: 'List allocation draws' })
  @Get('draws')
  draws(@Query() q: ListDrawsQueryDto) {
    return this.query.draws(q);
  }

  @ApiOperation({ summary: 'Replay a draw to check it is reproducible' })
  @Post('draws/:drawId/replay')
  @HttpCode(200)
  replay(@Param('drawId') drawId: string, @Body() _body: NoBodyDto) {
    return this.allocation.replay(drawId);
  }

  @ApiOperation({ summary: 'Get a member\'s allocation summary' })
  @Get('users/:userId')
  member(@Param('userId') userId: string) {
    return this.query.memberSummary(userId);
  }

  @ApiOperation({ summary: 'Re-roll a member\'s stocks' })
  @Post('users/:userId/reroll')
  @HttpCode(200)
  reroll(@Param('userId') userId: string, @Body() dto: RerollDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.allocation.reroll(userId, op, meta, dto.idempotencyKey);
  }
}
