import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../../common/auth.decorators.js';
import { ListUsersQueryDto } from './dto/list-users.query.js';
import { RiskAckDto } from './dto/risk-ack.dto.js';
import { UserResponseDto } from './dto/user.response.js';
import { UsersService } from './users.service.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({ summary: 'Get the signed-in user' })
  @Get()
  async me(@CurrentUser() user: AuthUser) {
    return this.users.present(await this.users.getById(user.id));
  }

  /** An admin-created member acknowledges the risk disclosure at first login (`user.riskAckRequired`). */
  @ApiOperation({ summary: 'Acknowledge the risk disclosure' })
  @ApiOkResponse({ type: UserResponseDto })
  @Post('risk-ack')
  @HttpCode(200)
  riskAck(@CurrentUser() user: AuthUser, @Body() _dto: RiskAckDto) {
    return this.users.acknowledgeRisk(user.id);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({ summary: 'List users (paged, sortable)' })
  @Roles('admin')
  @Get()
  list(@Query() q: ListUsersQueryDto) {
    return this.users.list(q);
  }
}
