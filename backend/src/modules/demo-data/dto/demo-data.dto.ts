import { ApiProperty } from '@nestjs/swagger';
import type { DemoDataStatusDto, LeaveDemoResultDto } from '@zhice/shared';
import { Equals } from 'class-validator';

export class LeaveDemoDto {
  @ApiProperty({ example: true, description: 'must be true: the operator confirmed that all demo data is removed' })
  @Equals(true)
  confirm!: boolean;
}

export class DemoDataStatusResponse implements DemoDataStatusDto {
  @ApiProperty({ example: true }) present!: boolean;
  @ApiProperty({ example: true }) demoDataSetting!: boolean;
  @ApiProperty({ example: false }) realSource!: boolean;
  @ApiProperty({ example: 24000 }) syntheticBars!: number;
  @ApiProperty({ example: '2025-12-01', nullable: true, type: String }) syntheticFrom!: string | null;
  @ApiProperty({ example: '2026-03-02', nullable: true, type: String }) syntheticTo!: string | null;
  @ApiProperty({ example: 1 }) demoPools!: number;
  @ApiProperty({ example: 60 }) signalDays!: number;
}

export class LeaveDemoResultResponse implements LeaveDemoResultDto {
  @ApiProperty({ example: 24000 }) bars!: number;
  @ApiProperty({ example: 24000 }) factors!: number;
  @ApiProperty({ example: 300 }) syncDates!: number;
  @ApiProperty({ example: 790 }) calendarDays!: number;
  @ApiProperty({ example: 1 }) pools!: number;
  @ApiProperty({ example: 120 }) allocations!: number;
  @ApiProperty({ example: 12 }) draws!: number;
  @ApiProperty({ example: 80 }) stocks!: number;
  @ApiProperty({ example: 60 }) signalDays!: number;
  @ApiProperty({ example: 21000 }) signals!: number;
  @ApiProperty({ example: 60 }) chainLinks!: number;
  @ApiProperty({ example: null, nullable: true, type: String }) stockListJobId!: string | null;
}
