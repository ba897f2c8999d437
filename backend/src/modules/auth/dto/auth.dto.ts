import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ChangePasswordRequest, LoginLogDto, LoginRequest, RegisterRequest } from '@zhice/shared';
import { Equals, IsBoolean, IsEmail, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { SortParam } from '../../../common/list-query.js';
import { PageQueryDto } from '../../../common/pagination.js';
import { LOGIN_LOG_SORT } from '../domain/list-sorts.js';

export const USERNAME_PATTERN = /^[A-Za-z0-9_]{3,32}$/;

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ example: 'zhangsan', description: '3–32 letters, digits or _' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3–32 letters, digits or underscores' })
  username: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @Length(1, 128)
  password: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiProperty({ description: 'Acknowledges "research tool, not investment advice"' })
  @IsBoolean()
  @Equals(true, { message: 'riskAck must be true' })
  riskAck: boolean;
}

export class LoginDto implements LoginRequest {
  @ApiProperty({ description: 'username or e-mail' })
  @IsString()
  @Length(1, 254)
  username: string;

  @ApiProperty()
  @IsString()
  @Length(1, 128)
  password: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  captchaId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 16)
  captchaCode?: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @Length(10, 200)
  refreshToken: string;
}

export class TokenDto {
  @ApiProperty()
  @IsString()
  @Length(10, 1000)
  token: string;
}

export class ForgotPasswordDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class ResetPasswordDto extends TokenDto {
  @ApiProperty()
  @IsString()
  @Length(1, 128)
  password: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ example: 'old-pass-word-1' })
  @IsString()
  @Length(1, 128)
  currentPassword: string;

  @ApiProperty({ example: 'new-pass-word-2', minLength: 8, maxLength: 128 })
  @IsString()
  @Length(1, 128)
  newPassword: string;

  @ApiPropertyOptional({ description: "The caller's refresh token: that session is kept, every other one ends" })
  @IsOptional()
  @IsString()
  @Length(10, 200)
  refreshToken?: string;
}

export class ListLoginLogsQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  username?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ enum: ['success', 'bad_credentials', 'locked', 'captcha_required', 'captcha_invalid', 'disabled'] })
  @IsOptional()
  @IsIn(['success', 'bad_credentials', 'locked', 'captcha_required', 'captcha_invalid', 'disabled'])
  result?: LoginLogDto['result'];

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601()
  to?: string;

  @SortParam(LOGIN_LOG_SORT)
  sort?: string;
}
