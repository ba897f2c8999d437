import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../common/auth.decorators.js';
import { DemoDataService } from './demo-data.service.js';
import { DemoDataStatusResponse, LeaveDemoDto, LeaveDemoResultResponse } from './dto/demo-data.dto.js';

@ApiTags('demo-data')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/demo-data')
export class DemoDataController {
  constructor(private readonly demo: DemoDataService) {}

  @Get()
  @ApiOperation({ summary: 'What demo data this install holds (synthetic bars, demo pool, signals over them)' })
  @ApiOkResponse({ type: DemoDataStatusResponse })
  status() {
    return this.demo.status();
  }

  @Post('leave')
  @HttpCode(200)
  @ApiOperation({ summary: 'Leave demo mode: remove demo stocks, pool, bars, signals and chain entries in one transaction' })
  @ApiOkResponse({ type: LeaveDemoResultResponse })
  leave(@Body() _dto: LeaveDemoDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.demo.leave(user, meta.ip);
  }
}
