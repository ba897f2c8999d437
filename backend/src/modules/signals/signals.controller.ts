import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../common/auth.decorators.js';
import { PageQueryDto } from '../../common/pagination.js';
import { ChainService } from './chain/chain.service.js';
import { StrategyConfigService } from './config/strategy-config.service.js';
import { MySignalsQueryDto, StartSignalRunDto, StatsQueryDto, StockQueryDto, UpdateStrategyParamsDto } from './dto/signals.dto.js';
import { SignalStatsService } from './evaluation/stats.service.js';
import { MemberSignalsService } from './member/member-signals.service.js';
import { SignalDaysService } from './runs/signal-days.service.js';
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

  @Get('strategies')
  listStrategies() {
    return this.strategies.list();
  }

  @Put('strategies/:id/params')
  updateParams(@Param('id') id: string, @Body() dto: UpdateStrategyParamsDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.strategies.updateParams(id, dto.params, user, meta);
  }

  @Post('signals/runs')
  @HttpCode(202)
  startRun(@Body() dto: StartSignalRunDto, @CurrentUser() user: AuthUser) {
    return this.runs.start(dto.tradeDate, user);
  }

  @Get('signals/runs')
  listRuns(@Query() q: PageQueryDto) {
    return this.runs.list(q);
  }

  @Get('signals/runs/:id')
  getRun(@Param('id') id: string) {
    return this.runs.get(id);
  }

  @Get('signals/days')
  listDays(@Query() q: PageQueryDto) {
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

  @Get('stats')
  getStats(@Query() q: StatsQueryDto) {
    return this.stats.stats(q);
  }

  @Get('chain/head')
  head() {
    return this.chain.head();
  }

  @Get('chain/verify')
  verify() {
    return this.chain.verify();
  }

  @Get('chain/days/:tradeDate')
  day(@Param('tradeDate') tradeDate: string) {
    return this.chain.day(tradeDate);
  }
}

@ApiTags('signals')
@ApiBearerAuth()
@Roles('user')
@Controller('me/signals')
export class MySignalsController {
  constructor(private readonly member: MemberSignalsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: MySignalsQueryDto) {
    return this.member.list(user, q);
  }

  @Get('latest')
  latest(@CurrentUser() user: AuthUser, @Query() q: StockQueryDto) {
    return this.member.latest(user, q.tsCode);
  }

  @Get('freshness')
  freshness(@CurrentUser() user: AuthUser) {
    return this.member.freshness(user);
  }
}
