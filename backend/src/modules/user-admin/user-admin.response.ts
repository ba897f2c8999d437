import { ApiProperty } from '@nestjs/swagger';
import { UserResponseDto } from '../users/dto/user.response.js';
import { SubscriptionResponseDto, VipGrantResponseDto } from '../vip/dto/vip.response.js';

/** Response shapes of the admin user routes (OpenAPI). */

export class UserPageDto {
  @ApiProperty({ type: [UserResponseDto] }) items: UserResponseDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

/** `GET /admin/users/:id` */
export class AdminUserDetailDto {
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
  @ApiProperty({ type: SubscriptionResponseDto, nullable: true, description: 'null when never subscribed' }) subscription: SubscriptionResponseDto | null;
}

/** `POST /admin/users/:id/vip-grants` */
export class AdminVipGrantResultDto {
  @ApiProperty({ type: UserResponseDto, description: 'the user after the grant' }) user: UserResponseDto;
  @ApiProperty({ type: VipGrantResponseDto }) grant: VipGrantResponseDto;
}

/** `POST /admin/users/:id/password` */
export class AdminPasswordResetDto {
  @ApiProperty({ type: String, nullable: true, example: 'k7Qp-3mXv-9TzR', description: 'the generated password (shown once), null when the admin chose one' }) password: string | null;
}
