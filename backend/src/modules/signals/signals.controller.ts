import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../common/auth.decorators.js';
import { ListJobRecordsQueryDto } from '../jobs/jobs.service.js';
import { ChainService } from './chain/chain.service.js';
import { StrategyConfigService } from './config/strategy-config.service.js';
import { MySignalsQueryDto, StartSignalRunDto, StatsQueryDto, StockQueryDto, UpdateStrategyParamsDto } from './dto/signals.dto.js';
import {
  ChainDayResponseDto,
  ChainHeadResponseDto,
  ChainVerifyResponseDto,
  MyFreshnessResponseDto,
  MySignalsPageResponseDto,
  MyStockSignalSummaryResponseDto,
  MyTrackRecordResponseDto,
  SignalDayPageDto,
  SignalRunPageDto,
  SignalRunResponseDto,
  SignalRunStartedDto,
  SignalStatsResponseDto,
  StrategyResponseDto,
} from './dto/signals.response.js';
import { SignalStatsService } from './evaluation/stats.service.js';
import { TrackRecordService } from './evaluation/track-record.service.js';
import { MemberSignalsService } from './member/member-signals.service.js';
import { ListSignalDaysQueryDto, SignalDaysService } from './runs/signal-days.service.js';
import { SignalRunService } from './runs/signal-run.service.js';

@ApiTags('signals')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin')
export class SignalsAdminController {
  constructor(
    private readonly strategies: StrategyConfigService,
    private readonly runs: SignalRunService,
    private readonly days: SignalDaysService,
  ) {}

  @ApiOperation({ summary: 'List strategies with their parameters' })
  @ApiOkResponse({ type: [StrategyResponseDto] })
  @Get('strategies')
  listStrategies() {
    return this.strategies.list();
  }

  @ApiOperation({ summary: 'Update a strategy\'s parameters' })
  @ApiOkResponse({ type: StrategyResponseDto })
  @Put('strategies/:id/params')
  updateParams(@Param('id') id: string, @Body() dto: UpdateStrategyParamsDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.strategies.updateParams(id, dto.params, user, meta);
  }

  @ApiOperation({ summary: 'Start a signal run' })
  @ApiAcceptedResponse({ type: SignalRunStartedDto })
  @Post('signals/runs')
  @HttpCode(202)
  startRun(@Body() dto: StartSignalRunDto, @CurrentUser() user: AuthUser) {
    return this.runs.start(dto.tradeDate, user);
  }

  @ApiOperation({ summary: 'List signal runs' })
  @ApiOkResponse({ type: SignalRunPageDto })
  @Get('signals/runs')
  listRuns(@Query() q: ListJobRecordsQueryDto) {
    return this.runs.list(q);
  }

  @ApiOperation({ summary: 'Get a signal run' })
  @ApiOkResponse({ type: SignalRunResponseDto })
  @Get('signals/runs/:id')
  getRun(@Param('id') id: string) {
    return this.runs.get(id);
  }

  @ApiOperation({ summary: 'List published signal days' })
  @ApiOkResponse({ type: SignalDayPageDto })
  @Get('signals/days')
  listDays(@Query() q: ListSignalDaysQueryDto) {
    return this.days.list(q);
  }
}

@ApiTags('signals')
@ApiBearerAuth()
@Controller('signals')
export class SignalsPublicController {
  constructor(
    private readonly stats: SignalStatsService,
    private readonly chain: ChainService,
  ) {}

  @ApiOperation({ summary: 'Get the track record of signals' })
  @ApiOkResponse({ type: SignalStatsResponseDto })
  @Get('stats')
  getStats(@Query() q: StatsQueryDto) {
    return this.stats.stats(q);
  }

  /** Anyone can check the chain: the head hash is public. */
  @ApiOperation({ summary: 'Get the head of the signal hash chain' })
  @ApiOkResponse({ type: ChainHeadResponseDto })
  @Public()
  @Get('chain/head')
  head() {
    return this.chain.head();
  }

  @ApiOperation({ summary: 'Verify the signal hash chain' })
  @ApiOkResponse({ type: ChainVerifyResponseDto })
  @Get('chain/verify')
  verify() {
    return this.chain.verify();
  }

  @ApiOperation({ summary: 'Get one published signal day of the chain' })
  @ApiOkResponse({ type: ChainDayResponseDto })
  @Get('chain/days/:tradeDate')
  day(@Param('tradeDate') tradeDate: string, @CurrentUser() user: AuthUser) {
    return this.chain.day(tradeDate, user);
  }
}

@ApiTags('signals')
@ApiBearerAuth()
@Roles('user')
@Controller('me/signals')
export class MySignalsController {
  constructor(
    private readonly member: MemberSignalsService,
    private readonly trackRecord: TrackRecordService,
  ) {}

  @ApiOperation({ summary: 'List my signals' })
  @ApiOkResponse({ type: MySignalsPageResponseDto })
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: MySignalsQueryDto) {
    return this.member.list(user, q);
  }

  @ApiOperation({ summary: 'Get my latest signal per stock' })
  @ApiOkResponse({ type: MyStockSignalSummaryResponseDto })
  @Get('latest')
  latest(@CurrentUser() user: AuthUser, @Query() q: StockQueryDto) {
    return this.member.latest(user, q.tsCode);
  }

  @ApiOperation({ summary: 'Get how fresh my signals are' })
  @ApiOkResponse({ type: MyFreshnessResponseDto })
  @Get('freshness')
  freshness(@CurrentUser() user: AuthUser) {
    return this.member.freshness(user);
  }

  @ApiOperation({ summary: 'Get the track record of one of my stocks next to my strategy\'s' })
  @ApiOkResponse({ type: MyTrackRecordResponseDto })
  @Get('track-record')
  track(@CurrentUser() user: AuthUser, @Query() q: StockQueryDto) {
    return this.trackRecord.forMember(user, q.tsCode);
  }
}
