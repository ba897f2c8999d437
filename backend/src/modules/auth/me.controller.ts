import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowedBeforePasswordChange, CurrentUser, type AuthUser } from '../../common/auth.decorators.js';
import { VipEntitlements } from '../vip/vip-entitlements.service.js';
import { RiskAckDto } from '../users/dto/risk-ack.dto.js';
import { UserResponseDto } from '../users/dto/user.response.js';
import { UsersService } from '../users/users.service.js';

/**
 * GET /me and the risk acknowledgement: the users row with its membership, so served here (auth
 * imports users and vip; users sits below vip, which locks users' rows).
 */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly entitlements: VipEntitlements,
  ) {}

  @ApiOperation({ summary: 'Get the signed-in user' })
  @ApiOkResponse({ type: UserResponseDto })
  @Get()
  @AllowedBeforePasswordChange()
  async me(@CurrentUser() user: AuthUser) {
    return this.entitlements.present(await this.users.getById(user.id));
  }

  /** An admin-created member acknowledges the risk disclosure at first login (`user.riskAckRequired`). */
  @ApiOperation({ summary: 'Acknowledge the risk disclosure' })
  @ApiOkResponse({ type: UserResponseDto })
  @Post('risk-ack')
  @HttpCode(200)
  @AllowedBeforePasswordChange()
  async riskAck(@CurrentUser() user: AuthUser, @Body() _dto: RiskAckDto) {
    return this.entitlements.present(await this.users.acknowledgeRisk(user.id));
  }
}
