import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiXlsxResponse } from '../../common/xlsx-export.js';
import { CurrentUser, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../common/auth.decorators.js';
import { PageQueryDto } from '../../common/pagination.js';
import { ListUsersQueryDto } from '../users/dto/list-users.query.js';
import { GrantVipDto, ListVipGrantsQueryDto } from '../vip/dto/vip.dto.js';
import { VipService } from '../vip/vip.service.js';
import { CreateSubAgentDto, CreateUserDto, ResetPasswordByAdminDto, UpdateUserDto } from './user-admin.dto.js';
import { UserAdminService } from './user-admin.service.js';
import { AdminPasswordResetDto, AdminUserDetailDto, AdminVipGrantResultDto, UserPageDto } from './user-admin.response.js';
import { UserResponseDto } from '../users/dto/user.response.js';
import { VipGrantPageDto } from '../vip/dto/vip.response.js';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
export class UserAdminController {
  constructor(
    private readonly admin: UserAdminService,
    private readonly vip: VipService,
  ) {}

  @ApiOperation({ summary: 'List users (paged, sortable)' })
  @ApiOkResponse({ type: UserPageDto })
  @Get()
  list(@Query() q: ListUsersQueryDto) {
    return this.admin.list(q);
  }

  @ApiOperation({ summary: 'Export the user list as XLSX (same filters and sort)' })
  @Get('export')
  @ApiXlsxResponse()
  async export(@Query() q: ListUsersQueryDto, @Res() res: Response) {
    await this.admin.export(q, res);
  }

  @ApiOperation({ summary: 'Create a user' })
  @ApiCreatedResponse({ type: UserResponseDto })
  @Post()
  create(@Body() dto: CreateUserDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.admin.create(dto, op, meta);
  }

  @ApiOperation({ summary: 'Get a user' })
  @ApiOkResponse({ type: AdminUserDetailDto })
  @Get(':id')
  detail(@Param('id') id: string) {
    return this.admin.detail(id);
  }

  @ApiOperation({ summary: 'Update a user' })
  @ApiOkResponse({ type: UserResponseDto })
  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateUserDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.admin.update(id, dto, op, meta);
  }

  @ApiOperation({ summary: 'Disable a user' })
  @ApiOkResponse({ type: UserResponseDto })
  @Post(':id/disable')
  @HttpCode(200)
  disable(@Param('id') id: string, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.admin.setStatus(id, 'disabled', op, meta);
  }

  @ApiOperation({ summary: 'Enable a user' })
  @ApiOkResponse({ type: UserResponseDto })
  @Post(':id/enable')
  @HttpCode(200)
  enable(@Param('id') id: string, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.admin.setStatus(id, 'active', op, meta);
  }

  @ApiOperation({ summary: 'Set a user\'s password' })
  @ApiOkResponse({ type: AdminPasswordResetDto })
  @Post(':id/password')
  @HttpCode(200)
  resetPassword(@Param('id') id: string, @Body() dto: ResetPasswordByAdminDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.admin.resetPassword(id, dto.password, op, meta);
  }

  @ApiOperation({ summary: 'Grant VIP time to a user' })
  @ApiCreatedResponse({ type: AdminVipGrantResultDto })
  @Post(':id/vip-grants')
  @HttpCode(201)
  grant(@Param('id') id: string, @Body() dto: GrantVipDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.admin.grantVip(id, dto, op, meta);
  }

  @ApiOperation({ summary: 'List a user\'s VIP grants' })
  @ApiOkResponse({ type: VipGrantPageDto })
  @Get(':id/vip-grants')
  async grants(@Param('id') id: string, @Query() q: ListVipGrantsQueryDto) {
    await this.admin.detail(id); // 404 for unknown users
    return this.vip.grantsFor(id, q);
  }
}

/** Agents manage their own sub-agents (代理管理员); scoping is AgentsService's one rule. */
@ApiTags('agents')
@ApiBearerAuth()
@Roles('agent')
@Controller('agent/sub-agents')
export class SubAgentsController {
  constructor(private readonly admin: UserAdminService) {}

  @Post()
  @ApiOperation({ summary: 'Create a sub-agent whose parent is the caller (it must change the initial password at first login)' })
  @ApiCreatedResponse({ type: UserResponseDto, description: 'the new user' })
  create(@Body() dto: CreateSubAgentDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.admin.createSubAgent(dto, op, meta);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable an agent below the caller' })
  @ApiOkResponse({ type: UserResponseDto, description: 'the user' })
  disable(@Param('id') id: string, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.admin.setSubAgentStatus(id, 'disabled', op, meta);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable an agent below the caller' })
  @ApiOkResponse({ type: UserResponseDto, description: 'the user' })
  enable(@Param('id') id: string, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.admin.setSubAgentStatus(id, 'active', op, meta);
  }
}
