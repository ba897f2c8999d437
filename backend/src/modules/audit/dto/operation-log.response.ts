import { ApiProperty } from '@nestjs/swagger';
import type { OperationLogDto } from '@zhice/shared';

export class OperationLogResponseDto implements OperationLogDto {
  @ApiProperty({ example: '1042' }) id: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' }) at: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' }) operatorId: string | null;
  @ApiProperty({ example: 'admin', description: '`system` for changes without a person' }) operatorName: string;
  @ApiProperty({ example: 'vip.grant' }) action: string;
  @ApiProperty({ example: 'user' }) targetType: string;
  @ApiProperty({ type: String, nullable: true, example: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' }) targetId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: { vipLevel: 0 } }) before: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: { vipLevel: 2 } }) after: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' }) ip: string | null;
}

export class OperationLogPageDto {
  @ApiProperty({ type: [OperationLogResponseDto] }) items: OperationLogResponseDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}
