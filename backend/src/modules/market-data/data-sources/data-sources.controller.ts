import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../../common/auth.decorators.js';
import { PageQueryDto } from '../../../common/pagination.js';
import { ReorderDataSourcesDto, UpdateDataSourceDto } from '../dto/market-data.dto.js';
import { DataSourcesService } from './data-sources.service.js';

@ApiTags('market-data')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/data-sources')
export class DataSourcesController {
  constructor(private readonly sources: DataSourcesService) {}

  @Get()
  list() {
    return this.sources.list();
  }

  @Get('switch-logs')
  switchLogs(@Query() q: PageQueryDto) {
    return this.sources.switchLogs(q);
  }

  @Put('order')
  reorder(@Body() dto: ReorderDataSourcesDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.sources.reorder(dto.names, user, meta.ip);
  }

  @Post(':name/check')
  @HttpCode(200)
  check(@Param('name') name: string) {
    return this.sources.check(name);
  }

  @Post(':name/reset-breakers')
  @HttpCode(200)
  resetBreakers(@Param('name') name: string) {
    return this.sources.resetBreakers(name);
  }

  @Patch(':name')
  update(@Param('name') name: string, @Body() dto: UpdateDataSourceDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.sources.update(name, dto, user, meta.ip);
  }
}
