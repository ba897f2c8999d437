import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PoolHoldersDto, PoolPreviewDto, PoolRowInvalidReason, StockListingStatus, StockPoolDetailDto, StockPoolDto, StockPoolItemDto, StockPoolStatus } from '@zhice/shared';

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

const UUID_EXAMPLE = '0b6f7c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b';

export class StockPoolPageDto {
  @ApiProperty({ type: [StockPoolResponseDto] }) items: StockPoolResponseDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class StockPoolItemResponseDto implements StockPoolItemDto {
  @ApiProperty({ example: 1, description: '1-based position as imported' }) position: number;
  @ApiProperty({ example: '600000.SH' }) tsCode: string;
  @ApiProperty({ example: '浦发银行' }) name: string;
  @ApiProperty({ enum: ['listed', 'suspended', 'delisted'], example: 'listed' }) status: StockListingStatus;
  @ApiProperty({ example: 12, description: 'live while active, frozen at rotation for archived pools' }) holders: number;
}

export class StockPoolDetailResponseDto extends StockPoolResponseDto implements StockPoolDetailDto {
  @ApiProperty({ type: [StockPoolItemResponseDto] }) items: StockPoolItemResponseDto[];
}

export class PoolHolderItemDto {
  @ApiProperty({ example: '600000.SH' }) tsCode: string;
  @ApiProperty({ example: '浦发银行' }) name: string;
  @ApiProperty({ enum: ['listed', 'suspended', 'delisted'], example: 'listed' }) status: StockListingStatus;
  @ApiProperty({ example: 12 }) holders: number;
}

export class PoolHoldersResponseDto implements PoolHoldersDto {
  @ApiProperty({ format: 'uuid', example: UUID_EXAMPLE }) poolId: string;
  @ApiProperty({ enum: ['draft', 'active', 'archived'], example: 'active' }) status: StockPoolStatus;
  @ApiProperty({ example: 600, description: 'sum of holders over all stocks' }) totalHoldings: number;
  @ApiProperty({ type: [PoolHolderItemDto] }) items: PoolHolderItemDto[];
}

export class PoolPreviewValidDto {
  @ApiProperty({ example: 2 }) line: number;
  @ApiProperty({ example: '600000.SH' }) tsCode: string;
  @ApiProperty({ example: '浦发银行' }) name: string;
  @ApiProperty({ enum: ['listed', 'suspended'], example: 'listed' }) status: 'listed' | 'suspended';
}

export class PoolPreviewInvalidDto {
  @ApiProperty({ example: 3 }) line: number;
  @ApiProperty({ example: '60000X' }) value: string;
  @ApiProperty({ enum: ['FORMAT', 'UNKNOWN', 'DELISTED', 'DUPLICATE'], example: 'FORMAT' }) reason: PoolRowInvalidReason;
  @ApiProperty({ example: 'not a stock code', description: 'in the caller’s language' }) message: string;
  @ApiPropertyOptional({ example: '600000.SH' }) tsCode?: string;
  @ApiPropertyOptional({ example: 2, description: 'DUPLICATE: the line it repeats' }) duplicateOf?: number;
}

export class PoolPreviewHeaderDto {
  @ApiProperty({ example: 1 }) line: number;
  @ApiProperty({ example: '代码' }) codeColumn: string;
  @ApiProperty({ type: String, nullable: true, example: '名称' }) nameColumn: string | null;
}

export class PoolPreviewResponseDto implements PoolPreviewDto {
  @ApiProperty({ type: [PoolPreviewValidDto] }) valid: PoolPreviewValidDto[];
  @ApiProperty({ type: [PoolPreviewInvalidDto] }) invalid: PoolPreviewInvalidDto[];
  @ApiProperty({ enum: ['text', 'csv', 'xlsx'], example: 'text' }) format: 'text' | 'csv' | 'xlsx';
  @ApiProperty({ type: PoolPreviewHeaderDto, nullable: true, description: 'the recognised header row, if any' }) header: PoolPreviewHeaderDto | null;
}
