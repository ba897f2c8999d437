import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowedBeforePasswordChange, CurrentUser, type AuthUser } from '../../common/auth.decorators.js';
import { UsersService } from './users.service.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({ summary: 'Get the signed-in user' })
  @Get()
  @AllowedBeforePasswordChange()
  async me(@CurrentUser() user: AuthUser) {
    return this.users.present(await this.users.getById(user.id));
  }
}
