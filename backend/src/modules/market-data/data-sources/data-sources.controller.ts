import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../../common/auth.decorators.js';
import { ReorderDataSourcesDto, UpdateDataSourceDto } from '../dto/market-data.dto.js';
import { DataSourcesService, ListSwitchLogsQueryDto } from './data-sources.service.js';
import { DataSourceEntryResponseDto, DataSourceSwitchLogPageDto } from '../dto/market-data.response.js';

@ApiTags('market-data')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/data-sources')
export class DataSourcesController {
  constructor(private readonly sources: DataSourcesService) {}

  @ApiOperation({ summary: 'List market data sources with their state' })
  @ApiOkResponse({ type: [DataSourceEntryResponseDto] })
  @Get()
  list() {
    return this.sources.list();
  }

  @ApiOperation({ summary: 'List data source switches' })
  @ApiOkResponse({ type: DataSourceSwitchLogPageDto })
  @Get('switch-logs')
  switchLogs(@Query() q: ListSwitchLogsQueryDto) {
    return this.sources.switchLogs(q);
  }

  @ApiOperation({ summary: 'Set the order of market data sources' })
  @ApiOkResponse({ type: [DataSourceEntryResponseDto] })
  @Put('order')
  reorder(@Body() dto: ReorderDataSourcesDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.sources.reorder(dto.names, user, meta.ip);
  }

  @ApiOperation({ summary: 'Check a data source now' })
  @ApiOkResponse({ type: DataSourceEntryResponseDto })
  @Post(':name/check')
  @HttpCode(200)
  check(@Param('name') name: string) {
    return this.sources.check(name);
  }

  @ApiOperation({ summary: 'Reset the circuit breakers of a data source' })
  @ApiOkResponse({ type: DataSourceEntryResponseDto })
  @Post(':name/reset-breakers')
  @HttpCode(200)
  resetBreakers(@Param('name') name: string) {
    return this.sources.resetBreakers(name);
  }

  @ApiOperation({ summary: 'Update a data source' })
  @ApiOkResponse({ type: DataSourceEntryResponseDto })
  @Patch(':name')
  update(@Param('name') name: string, @Body() dto: UpdateDataSourceDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.sources.update(name, dto, user, meta.ip);
  }
}
