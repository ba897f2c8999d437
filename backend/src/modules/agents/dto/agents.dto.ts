import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AgentDto } from '@zhice/shared';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination.js';

export class ListAgentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'username contains', example: 'agent' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  @Matches(/^[^\u0000]*$/)
  q?: string;

  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';

  @ApiPropertyOptional({ description: 'only this agent and its descendants' })
  @IsOptional()
  @IsUUID()
  rootId?: string;

  @ApiPropertyOptional({ example: 'username:asc', description: 'username | createdAt | depth | status' })
  @IsOptional()
  @Matches(/^(username|createdAt|depth|status):(asc|desc)$/)
  sort?: string;
}

export class MoveAgentDto {
  @ApiProperty({ nullable: true, description: 'the new parent agent; null = top level', example: '6f1c3c7e-0c55-4c5e-9a63-1f5a7f0b2d11' })
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  parentId: string | null;
}

export class AgentResponseDto implements AgentDto {
  @ApiProperty({ example: '6f1c3c7e-0c55-4c5e-9a63-1f5a7f0b2d11' }) id: string;
  @ApiProperty({ example: 'agent_sub' }) username: string;
  @ApiProperty({ nullable: true, type: String, example: null }) email: string | null;
  @ApiProperty({ enum: ['active', 'disabled'], example: 'active' }) status: 'active' | 'disabled';
  @ApiProperty({ nullable: true, type: String, example: null }) parentId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'agent_demo' }) parentUsername: string | null;
  @ApiProperty({ example: 1 }) depth: number;
  @ApiProperty({ example: 0 }) childCount: number;
  @ApiProperty({ example: '2026-03-02T02:00:00.000Z' }) createdAt: string;
}

export class AgentPageDto {
  @ApiProperty({ type: [AgentResponseDto] }) items: AgentResponseDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}
