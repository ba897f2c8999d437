import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { UseGuards } from '@nestjs/common';
import { BodyShapeGuard } from '../../common/body-rules.js';
import { AllowedBeforePasswordChange, CurrentUser, Public, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../common/auth.decorators.js';
import { AuthService } from './auth.service.js';
import { CaptchaService } from './captcha.service.js';
import { ChangePasswordDto, ForgotPasswordDto, ListLoginLogsQueryDto, LoginDto, RefreshDto, RegisterDto, ResetPasswordDto, TokenDto } from './dto/auth.dto.js';
import { AuthResultResponseDto, AuthTokensResponseDto, CaptchaResponseDto, LoginLogPageDto } from './dto/auth.response.js';

@ApiTags('auth')
@Controller('auth')
@UseGuards(ThrottlerGuard, BodyShapeGuard) // the body rule after the throttle (429 before 400, as always)
@SkipThrottle({ register: true })
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly captcha: CaptchaService,
  ) {}

  /** Says when a name or e-mail is taken (a product decision), so it is rate-limited per IP per hour. */
  @ApiOperation({ summary: 'Register a member account' })
  @ApiCreatedResponse({ type: AuthResultResponseDto })
  @Public()
  @Post('register')
  @SkipThrottle({ register: false })
  register(@Body() dto: RegisterDto, @ReqMeta() meta: RequestMeta) {
    return this.auth.register(dto, meta);
  }

  @ApiOperation({ summary: 'Sign in with username or email and password' })
  @ApiOkResponse({ type: AuthResultResponseDto })
  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @ReqMeta() meta: RequestMeta) {
    return this.auth.login(dto, meta);
  }

  @ApiOperation({ summary: 'Get a captcha image' })
  @ApiOkResponse({ type: CaptchaResponseDto })
  @Public()
  @Get('captcha')
  getCaptcha() {
    return this.captcha.create();
  }

  @ApiOperation({ summary: 'Exchange a refresh token for new tokens' })
  @ApiOkResponse({ type: AuthTokensResponseDto })
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto, @ReqMeta() meta: RequestMeta) {
    return this.auth.refresh(dto.refreshToken, meta);
  }

  @ApiOperation({ summary: 'Revoke a refresh token' })
  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Body() dto: RefreshDto) {
    await this.auth.logout(dto.refreshToken);
  }

  @ApiOperation({ summary: 'Send an e-mail verification link' })
  @ApiBearerAuth()
  @Post('email/verification')
  @HttpCode(204)
  async requestVerification(@CurrentUser() user: AuthUser) {
    await this.auth.requestEmailVerification(user.id);
  }

  @ApiOperation({ summary: 'Confirm an e-mail address' })
  @Public()
  @Post('email/verify')
  @HttpCode(204)
  async verifyEmail(@Body() dto: TokenDto) {
    await this.auth.verifyEmail(dto.token);
  }

  @ApiOperation({ summary: 'Send a password reset link' })
  @Public()
  @Post('password/forgot')
  @HttpCode(204)
  @Throttle({ default: { limit: 5, ttl: 60_000 } })
  async forgot(@Body() dto: ForgotPasswordDto) {
    await this.auth.forgotPassword(dto.email);
  }

  @ApiOperation({ summary: 'Set a new password with a reset token' })
  @Public()
  @Post('password/reset')
  @HttpCode(204)
  async reset(@Body() dto: ResetPasswordDto) {
    await this.auth.resetPassword(dto.token, dto.password);
  }
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
@UseGuards(ThrottlerGuard, BodyShapeGuard)
@SkipThrottle({ register: true })
export class MePasswordController {
  constructor(private readonly auth: AuthService) {}

  /** 204; every other session of the user ends (the one whose refresh token is sent stays). */
  @ApiOperation({ summary: 'Change my password' })
  @ApiNoContentResponse({ description: 'Changed; the other sessions are revoked' })
  @Post('password')
  @HttpCode(204)
  @AllowedBeforePasswordChange()
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  async changePassword(@Body() dto: ChangePasswordDto, @CurrentUser() user: AuthUser) {
    await this.auth.changePassword(user.id, dto);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/login-logs')
export class LoginLogsController {
  constructor(private readonly auth: AuthService) {}

  @ApiOperation({ summary: 'List login attempts' })
  @ApiOkResponse({ type: LoginLogPageDto })
  @Roles('admin')
  @Get()
  list(@Query() q: ListLoginLogsQueryDto) {
    return this.auth.listLoginLogs(q);
  }
}
