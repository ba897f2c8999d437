import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowedBeforePasswordChange, CurrentUser, type AuthUser } from '../../common/auth.decorators.js';
import { RiskAckDto } from './dto/risk-ack.dto.js';
import { UserResponseDto } from './dto/user.response.js';
import { UsersService } from './users.service.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({ summary: 'Get the signed-in user' })
  @ApiOkResponse({ type: UserResponseDto })
  @Get()
  @AllowedBeforePasswordChange()
  async me(@CurrentUser() user: AuthUser) {
    return this.users.present(await this.users.getById(user.id));
  }

  /** An admin-created member acknowledges the risk disclosure at first login (`user.riskAckRequired`). */
  @ApiOperation({ summary: 'Acknowledge the risk disclosure' })
  @ApiOkResponse({ type: UserResponseDto })
  @Post('risk-ack')
  @HttpCode(200)
  @AllowedBeforePasswordChange()
  riskAck(@CurrentUser() user: AuthUser, @Body() _dto: RiskAckDto) {
    return this.users.acknowledgeRisk(user.id);
  }
}
