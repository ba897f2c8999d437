import { ApiProperty } from '@nestjs/swagger';
import type { StockPoolDto, StockPoolStatus } from '@zhice/shared';

export class StockPoolResponseDto implements StockPoolDto {
  @ApiProperty({ format: 'uuid', example: '0b6f7c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b' })
  id: string;

  @ApiProperty({ example: '2027 Q1' })
  name: string;

  @ApiProperty({ enum: ['draft', 'active', 'archived'], example: 'draft' })
  status: StockPoolStatus;

  @ApiProperty({ example: '2027-01-01' })
  startsOn: string;

  @ApiProperty({ example: '2027-03-31' })
  endsOn: string;

  @ApiProperty({ example: 300 })
  stockCount: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' })
  createdBy: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-12-20T08:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  activatedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  archivedAt: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null, description: 'progress: GET /admin/stock-pools/:id/activation' })
  activationJobId: string | null;
}
