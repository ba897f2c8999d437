import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../common/auth.decorators.js';
import { AgentsService } from './agents.service.js';
import { AgentPageDto, AgentResponseDto, ListAgentsQueryDto, MoveAgentDto } from './dto/agents.dto.js';

@ApiTags('agents')
@ApiBearerAuth()
@Controller()
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  @Roles('agent')
  @Get('agent/sub-agents')
  @ApiOperation({ summary: "The caller's descendants (admins: every agent), paged" })
  @ApiOkResponse({ type: AgentPageDto })
  subAgents(@CurrentUser() user: AuthUser, @Query() q: ListAgentsQueryDto) {
    return this.agents.list(user, q);
  }

  @Roles('agent')
  @Get('agent/sub-agents/:id')
  @ApiOperation({ summary: 'One agent in the caller’s scope' })
  @ApiOkResponse({ type: AgentResponseDto })
  async subAgent(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    await this.agents.assertInScope(user, id);
    return this.agents.get(id);
  }

  @Roles('admin')
  @Get('admin/agents')
  @ApiOperation({ summary: 'All agents (tree order by default), paged' })
  @ApiOkResponse({ type: AgentPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: ListAgentsQueryDto) {
    return this.agents.list(user, q);
  }

  @Roles('admin')
  @Post('admin/agents/:id/move')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move an agent (with its sub-agents) under another agent or to the top level; audited, no cycles' })
  @ApiOkResponse({ type: AgentResponseDto })
  move(@Param('id') id: string, @Body() dto: MoveAgentDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.agents.move(id, dto.parentId, op, meta.ip);
  }
}
