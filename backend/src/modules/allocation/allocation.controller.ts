import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../common/auth.decorators.js';
import { AllocationExportService } from './allocation-export.service.js';
import { AllocationQueryService } from './allocation-query.service.js';
import { AllocationService } from './allocation.service.js';
import {
  ActivationStartedDto,
  AllocationExportRecordDto,
  AllocationPageDto,
  DrawPageDto,
  DrawReplayResponseDto,
  MemberAllocationSummaryResponseDto,
  MyStocksResponseDto,
  PoolActivationCheckResponseDto,
  PoolActivationProgressDto,
  RerollResultResponseDto,
} from './dto/allocation.response.js';
import { XLSX_MIME } from '../../common/xlsx-export.js';
import { ExportAllocationsQueryDto, ListAllocationsQueryDto, ListDrawsQueryDto, NoBodyDto, RerollDto } from './dto/allocation.dto.js';
import { PoolActivationService } from './pool-activation.service.js';
import { BarsQueryDto } from '../market-data/dto/market-data.dto.js';
import { MarketBarsResponseDto } from '../market-data/dto/market-data.response.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MyStocksController {
  constructor(private readonly allocation: AllocationService) {}

  @ApiOperation({ summary: 'List my allocated stocks' })
  @ApiOkResponse({ type: MyStocksResponseDto })
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
  @ApiAcceptedResponse({ type: ActivationStartedDto })
  @Post(':id/activate')
  @HttpCode(202)
  activate(@Param('id') id: string, @Body() _body: NoBodyDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.activation.activate(id, op, meta);
  }

  @ApiOperation({ summary: 'Check a pool before activating it (levels whose quota it cannot fill)' })
  @ApiOkResponse({ type: PoolActivationCheckResponseDto })
  @Get(':id/activation-check')
  check(@Param('id') id: string) {
    return this.activation.check(id);
  }

  @ApiOperation({ summary: 'Get the progress of a pool activation' })
  @ApiOkResponse({ type: PoolActivationProgressDto })
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
  @ApiOkResponse({ type: AllocationPageDto })
  @Get()
  list(@Query() q: ListAllocationsQueryDto) {
    return this.query.list(q);
  }

  @ApiOperation({ summary: 'Export allocations as XLSX or JSON' })
  @Get('export')
  @ApiProduces('application/json', XLSX_MIME)
  @ApiExtraModels(AllocationExportRecordDto)
  @ApiOkResponse({
    description: 'a download: `format=json` a JSON array of records, `format=xlsx` a workbook (times in Asia/Shanghai with offset)',
    content: {
      'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(AllocationExportRecordDto) } } },
      [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  async export(@Query() q: ExportAllocationsQueryDto, @Res() res: Response) {
    await this.exporter.export(q, res);
  }

  @ApiOperation({ summary: 'List allocation draws' })
  @ApiOkResponse({ type: DrawPageDto })
  @Get('draws')
  draws(@Query() q: ListDrawsQueryDto) {
    return this.query.draws(q);
  }

  @ApiOperation({ summary: 'Replay a draw to check it is reproducible' })
  @ApiOkResponse({ type: DrawReplayResponseDto })
  @Post('draws/:drawId/replay')
  @HttpCode(200)
  replay(@Param('drawId') drawId: string, @Body() _body: NoBodyDto) {
    return this.allocation.replay(drawId);
  }

  @ApiOperation({ summary: 'Get a member\'s allocation summary' })
  @ApiOkResponse({ type: MemberAllocationSummaryResponseDto })
  @Get('users/:userId')
  member(@Param('userId') userId: string) {
    return this.query.memberSummary(userId);
  }

  @ApiOperation({ summary: 'Re-roll a member\'s stocks' })
  @ApiOkResponse({ type: RerollResultResponseDto })
  @Post('users/:userId/reroll')
  @HttpCode(200)
  reroll(@Param('userId') userId: string, @Body() dto: RerollDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.allocation.reroll(userId, op, meta, dto.idempotencyKey);
  }
}

/**
 * `GET /market/bars`: served here because the rule is allocation's — a member (or agent) only for a
 * stock they hold now, staff for any stock; the bars come from market-data's service.
 */
@ApiTags('market-data')
@ApiBearerAuth()
@Controller('market')
export class MarketBarsController {
  constructor(private readonly allocation: AllocationService) {}

  /** Any signed-in user; a member only for stocks they hold (checked in the service). */
  @ApiOperation({ summary: 'Get daily bars of a stock' })
  @ApiOkResponse({ type: MarketBarsResponseDto })
  @Get('bars')
  bars(@Query() q: BarsQueryDto, @CurrentUser() user: AuthUser) {
    return this.allocation.barsForUser(user, q);
  }
}
