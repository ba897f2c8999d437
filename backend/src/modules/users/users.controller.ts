import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../../common/auth.decorators.js';
import { ListUsersQueryDto } from './dto/list-users.query.js';
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
