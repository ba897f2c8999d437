import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Role } from '@zhice/shared';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { USERNAME_PATTERN } from '../auth/dto/auth.dto.js';

export class CreateUserDto {
  @ApiProperty()
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3–32 letters, digits or underscores' })
  username: string;

  @ApiProperty()
  @IsString()
  @Length(1, 128)
  password: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiProperty({ enum: ['admin', 'agent', 'user'] })
  @IsIn(['admin', 'agent', 'user'])
  role: Role;

  @ApiPropertyOptional({ description: 'with role agent: the parent agent (omit for a top-level agent)', example: '6f1c3c7e-0c55-4c5e-9a63-1f5a7f0b2d11' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

/** `POST /agent/sub-agents`: the caller becomes the parent. */
export class CreateSubAgentDto {
  @ApiProperty({ example: 'agent_sub2' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3–32 letters, digits or underscores' })
  username: string;

  @ApiProperty({ example: 'Initial-pass-123' })
  @IsString()
  @Length(1, 128)
  password: string;

  @ApiPropertyOptional({ example: 'sub@example.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail()
  @MaxLength(254)
  email?: string | null;
}

export class ResetPasswordByAdminDto {
  @ApiPropertyOptional({ description: 'omit to generate a random one (returned once)' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  password?: string;
}
