import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../common/auth.decorators.js';
import { PageQueryDto } from '../../common/pagination.js';
import { UpdateVipLevelDto } from './dto/vip.dto.js';
import { VipService } from './vip.service.js';

@ApiTags('vip')
@Controller()
export class VipController {
  constructor(private readonly vip: VipService) {}

  @Public()
  @Get('vip-levels')
  publicLevels() {
    return this.vip.publicLevels();
  }

  @ApiBearerAuth()
  @Get('me/vip-grants')
  myGrants(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto) {
    return this.vip.grantsFor(user.id, q);
  }

  @ApiBearerAuth()
  @Get('me/subscription')
  mySubscription(@CurrentUser() user: AuthUser) {
    return this.vip.subscriptionOf(user.id);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Get('admin/vip-levels')
  adminLevels() {
    return this.vip.adminLevels();
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Put('admin/vip-levels/:level')
  update(@Param('level', ParseIntPipe) level: number, @Body() dto: UpdateVipLevelDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.vip.updateLevel(level, dto, user, meta.ip);
  }
}
