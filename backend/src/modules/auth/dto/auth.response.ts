import { ApiProperty } from '@nestjs/swagger';
import type { AuthResult, AuthTokens, CaptchaDto, LoginLogDto } from '@zhice/shared';
import { UserResponseDto } from '../../users/dto/user.response.js';

/** Response shapes of the auth routes (OpenAPI), implementing the `@zhice/shared` types. */

export class AuthTokensResponseDto implements AuthTokens {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2ZjFjIn0.c2lnbmF0dXJl', description: 'JWT, short-lived' }) accessToken: string;
  @ApiProperty({ example: '6f1c2d3e4b5a4c6d8e7f9a0b1c2d3e4f.Zk9yX3JlZnJlc2g', description: 'opaque; rotated on every refresh' }) refreshToken: string;
}

export class AuthResultResponseDto extends AuthTokensResponseDto implements AuthResult {
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
}

export class CaptchaResponseDto implements CaptchaDto {
  @ApiProperty({ format: 'uuid', example: '0b6f7c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b' }) captchaId: string;
  @ApiProperty({ example: '<svg xmlns="http://www.w3.org/2000/svg" width="150" height="50">…</svg>' }) svg: string;
}

export class LoginLogResponseDto implements LoginLogDto {
  @ApiProperty({ example: '311' }) id: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' }) at: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' }) userId: string | null;
  @ApiProperty({ example: 'zhang_san' }) username: string;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' }) ip: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Mozilla/5.0' }) userAgent: string | null;
  @ApiProperty({ enum: ['success', 'bad_credentials', 'locked', 'captcha_required', 'captcha_invalid', 'disabled'], example: 'success' }) result: LoginLogDto['result'];
}

export class LoginLogPageDto {
  @ApiProperty({ type: [LoginLogResponseDto] }) items: LoginLogResponseDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}
