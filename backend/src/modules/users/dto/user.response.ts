import { ApiProperty } from '@nestjs/swagger';
import type { Role, UserDto } from '@zhice/shared';

/** `user` as every route answers it (api.md). */
export class UserResponseDto implements UserDto {
  @ApiProperty({ format: 'uuid', example: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' })
  id: string;

  @ApiProperty({ example: 'zhang_san' })
  username: string;

  @ApiProperty({ type: String, nullable: true, example: 'zhang@example.com' })
  email: string | null;

  @ApiProperty({ example: true })
  emailVerified: boolean;

  @ApiProperty({ enum: ['admin', 'agent', 'user'], example: 'user' })
  role: Role;

  @ApiProperty({ enum: ['active', 'disabled'], example: 'active' })
  status: 'active' | 'disabled';

  @ApiProperty({ example: 2, description: 'effective level (0 once expired)' })
  vipLevel: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2027-03-05T10:00:00.000Z' })
  vipExpiresAt: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 20, description: 'null = unlimited' })
  stockQuota: number | null;

  @ApiProperty({ example: false, description: 'a member who has not acknowledged the risk disclosure yet (ask before anything else)' })
  riskAckRequired: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-11-01T08:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ example: false, description: 'an account created by someone else must change its password before anything else' })
  mustChangePassword: boolean;
}
