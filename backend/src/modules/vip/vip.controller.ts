import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../common/auth.decorators.js';
import { ListVipGrantsQueryDto, UpdateVipLevelDto } from './dto/vip.dto.js';
import { VipService } from './vip.service.js';
import { MySubscriptionResponseDto, VipGrantPageDto, VipLevelAdminResponseDto, VipLevelPublicResponseDto, VipLevelUpdateResponseDto } from './dto/vip.response.js';

@ApiTags('vip')
@Controller()
export class VipController {
  constructor(private readonly vip: VipService) {}

  @ApiOperation({ summary: 'List the VIP levels on sale' })
  @ApiOkResponse({ type: [VipLevelPublicResponseDto] })
  @Public()
  @Get('vip-levels')
  publicLevels() {
    return this.vip.publicLevels();
  }

  @ApiOperation({ summary: 'List my VIP grants' })
  @ApiOkResponse({ type: VipGrantPageDto })
  @ApiBearerAuth()
  @Get('me/vip-grants')
  myGrants(@CurrentUser() user: AuthUser, @Query() q: ListVipGrantsQueryDto) {
    return this.vip.grantsFor(user.id, q);
  }

  @ApiOperation({ summary: 'Get my current subscription' })
  @ApiOkResponse({ type: MySubscriptionResponseDto })
  @ApiBearerAuth()
  @Get('me/subscription')
  mySubscription(@CurrentUser() user: AuthUser) {
    return this.vip.mySubscription(user.id);
  }

  @ApiOperation({ summary: 'List all VIP levels with their settings' })
  @ApiOkResponse({ type: [VipLevelAdminResponseDto] })
  @ApiBearerAuth()
  @Roles('admin')
  @Get('admin/vip-levels')
  adminLevels() {
    return this.vip.adminLevels();
  }

  @ApiOperation({ summary: 'Update a VIP level' })
  @ApiOkResponse({ type: VipLevelUpdateResponseDto })
  @ApiBearerAuth()
  @Roles('admin')
  @Put('admin/vip-levels/:level')
  update(@Param('level', ParseIntPipe) level: number, @Body() dto: UpdateVipLevelDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.vip.updateLevel(level, dto, user, meta.ip);
  }
}
