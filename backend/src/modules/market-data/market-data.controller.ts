import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../../common/auth.decorators.js';
import { CalendarCoverageQueryDto, ListMarketSyncsQueryDto, StartedJobResponse, StartMarketSyncDto } from './dto/market-data.dto.js';
import { MarketDataService } from './market-data.service.js';
import { StockListService } from './stock-list/stock-list.service.js';
import { MarketSyncJobsService } from './sync/market-sync-jobs.service.js';
import { CalendarCoverageResponseDto, MarketSyncPageDto, MarketSyncResponseDto } from './dto/market-data.response.js';

@ApiTags('market-data')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/market-data')
export class MarketDataAdminController {
  constructor(
    private readonly syncs: MarketSyncJobsService,
    private readonly market: MarketDataService,
    private readonly stockList: StockListService,
  ) {}

  /** The stock list from the data sources now (it also syncs on a real install's first start). */
  @Post('stock-list-syncs')
  @HttpCode(202)
  @ApiOperation({ summary: 'Sync the stock list (basics) from the data sources now, as a job' })
  @ApiAcceptedResponse({ type: StartedJobResponse })
  startStockList(@CurrentUser() user: AuthUser) {
    return this.stockList.start(user);
  }

  @ApiOperation({ summary: 'Start a market data sync' })
  @ApiAcceptedResponse({ type: StartedJobResponse })
  @Post('syncs')
  @HttpCode(202)
  start(@Body() dto: StartMarketSyncDto, @CurrentUser() user: AuthUser) {
    return this.syncs.start(dto, user);
  }

  @ApiOperation({ summary: 'List market data syncs' })
  @ApiOkResponse({ type: MarketSyncPageDto })
  @Get('syncs')
  list(@Query() q: ListMarketSyncsQueryDto) {
    return this.syncs.list(q);
  }

  @ApiOperation({ summary: 'Get a market data sync' })
  @ApiOkResponse({ type: MarketSyncResponseDto })
  @Get('syncs/:id')
  get(@Param('id') id: string) {
    return this.syncs.get(id);
  }

  @ApiOperation({ summary: 'Get the trade calendar coverage of a year' })
  @ApiOkResponse({ type: CalendarCoverageResponseDto })
  @Get('calendar-coverage')
  coverage(@Query() q: CalendarCoverageQueryDto) {
    return this.market.calendarCoverage(q.year);
  }
}
