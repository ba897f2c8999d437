import { ApiProperty } from '@nestjs/swagger';
import type { OutboxMailDto } from '@zhice/shared';

export class OutboxMailResponseDto implements OutboxMailDto {
  @ApiProperty({ example: '17' }) id: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: 'zhang@example.com' }) to: string;
  @ApiProperty({ example: '智策：请验证邮箱' }) subject: string;
  @ApiProperty({ example: '验证链接：https://zhice.example.com/verify?token=…' }) text: string;
  @ApiProperty({ type: String, nullable: true, example: null }) html: string | null;
}

export class OutboxMailPageDto {
  @ApiProperty({ type: [OutboxMailResponseDto] }) items: OutboxMailResponseDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}
