import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Role } from '@zhice/shared';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
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
