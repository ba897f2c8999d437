import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../common/auth.decorators.js';
import { ApiXlsxResponse } from '../../common/xlsx-export.js';
import { ListAgentsQueryDto } from '../agents/dto/agents.dto.js';
import {
  BalanceResponseDto,
  CheckResponseDto,
  DecideHeldDto,
  DecisionResponseDto,
  ListTransfersQueryDto,
  ListWithdrawalsQueryDto,
  RechargeDto,
  RejectDto,
  ReverseDto,
  SettingsResponseDto,
  StatementQueryDto,
  StatementResponseDto,
  StatsQueryDto,
  StatsResponseDto,
  TransferDto,
  TransferPageDto,
  TransferResultResponseDto,
  UpdateLedgerSettingsDto,
  WithdrawalPageDto,
  WithdrawDto,
} from './dto/ledger.dto.js';
import { AgentWithBalancePageDto, PayoutAccountResponseDto, PlatformAccountResponseDto } from './dto/ledger.response.js';
import { LedgerOperationsService } from './ledger-operations.service.js';
import { LedgerReportsService } from './ledger-reports.service.js';
import { LedgerService } from './ledger.service.js';

/** Agent routes (admins pass every role check and see everything). */
@ApiTags('ledger')
@ApiBearerAuth()
@Roles('agent')
@Controller()
export class LedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly ops: LedgerOperationsService,
    private readonly reports: LedgerReportsService,
  ) {}

  @Get('ledger/accounts/me')
  @ApiOperation({ summary: "The caller's quota: available and frozen (fen)" })
  @ApiOkResponse({ type: BalanceResponseDto })
  me(@CurrentUser() op: AuthUser) {
    return this.ledger.balanceOf(op.id);
  }

  @Get('ledger/agents')
  @ApiOperation({ summary: 'Agents in scope with balances (agents: their descendants; admins: all)' })
  @ApiOkResponse({ type: AgentWithBalancePageDto })
  agents(@CurrentUser() op: AuthUser, @Query() q: ListAgentsQueryDto) {
    return this.reports.agentsWithBalances(op, q);
  }

  @Post('ledger/transfers')
  @ApiOperation({ summary: 'Transfer quota to another agent by username (freeze, then post; risk rules may hold it for review)' })
  @ApiCreatedResponse({ type: TransferResultResponseDto })
  transfer(@CurrentUser() op: AuthUser, @Body() dto: TransferDto) {
    return this.ops.transfer(dto, op);
  }

  @Get('ledger/transfers')
  @ApiOperation({ summary: 'Movements of the caller and its descendants (or one agent in scope)' })
  @ApiOkResponse({ type: TransferPageDto })
  transfers(@CurrentUser() op: AuthUser, @Query() q: ListTransfersQueryDto) {
    return this.reports.listTransfers(op, q);
  }

  @Post('ledger/withdrawals')
  @ApiOperation({ summary: 'Request a withdrawal: the amount is frozen until an admin or a parent agent decides' })
  @ApiCreatedResponse({ type: TransferResultResponseDto })
  withdraw(@CurrentUser() op: AuthUser, @Body() dto: WithdrawDto) {
    return this.ops.withdraw(dto, op);
  }

  @Get('ledger/withdrawals')
  @ApiOperation({ summary: 'Withdrawals of the caller and its descendants' })
  @ApiOkResponse({ type: WithdrawalPageDto })
  withdrawals(@CurrentUser() op: AuthUser, @Query() q: ListWithdrawalsQueryDto) {
    return this.reports.listWithdrawals(op, q);
  }

  @Post('agent/withdrawals/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: "A parent agent approves a descendant's withdrawal (posted to withdrawals payable, paid offline)" })
  @ApiOkResponse({ type: DecisionResponseDto })
  agentApprove(@Param('id') id: string, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.ops.decideWithdrawal(id, 'approved', null, op, meta.ip);
  }

  @Post('agent/withdrawals/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: "A parent agent rejects a descendant's withdrawal (the frozen amount is released)" })
  @ApiOkResponse({ type: DecisionResponseDto })
  agentReject(@Param('id') id: string, @Body() dto: RejectDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.ops.decideWithdrawal(id, 'rejected', dto.reason, op, meta.ip);
  }

  @Post('agent/withdrawals/:id/account')
  @HttpCode(200)
  @ApiOperation({ summary: 'The payout account in clear, for the one paying it out (audited)' })
  @ApiOkResponse({ type: PayoutAccountResponseDto })
  reveal(@Param('id') id: string, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.ops.revealAccount(id, op, meta.ip);
  }

  @Get('ledger/statement')
  @ApiOperation({ summary: 'Statement of the caller (or an agent in scope) for a period: opening, entries with running balance, closing' })
  @ApiOkResponse({ type: StatementResponseDto })
  statement(@CurrentUser() op: AuthUser, @Query() q: StatementQueryDto) {
    return this.reports.statement(op, q);
  }

  @Get('ledger/statement/export')
  @ApiOperation({ summary: 'The same statement as XLSX' })
  @ApiXlsxResponse()
  async exportStatement(@CurrentUser() op: AuthUser, @Query() q: StatementQueryDto, @Res() res: Response) {
    await this.reports.exportStatement(op, q, res);
  }

  @Get('ledger/stats')
  @ApiOperation({ summary: 'Movements by type and Asia/Shanghai day for the caller and its descendants (admins: all agents)' })
  @ApiOkResponse({ type: StatsResponseDto })
  stats(@CurrentUser() op: AuthUser, @Query() q: StatsQueryDto) {
    return this.reports.stats(op, q);
  }
}

@ApiTags('ledger')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/ledger')
export class AdminLedgerController {
  constructor(
    private readonly ops: LedgerOperationsService,
    private readonly reports: LedgerReportsService,
  ) {}

  @Post('recharges')
  @ApiOperation({ summary: 'Recharge an agent from the system issuer' })
  @ApiCreatedResponse({ type: TransferResultResponseDto })
  recharge(@Body() dto: RechargeDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.ops.recharge(dto, op, meta.ip);
  }

  @Get('withdrawals')
  @ApiOperation({ summary: 'All withdrawals' })
  @ApiOkResponse({ type: WithdrawalPageDto })
  withdrawals(@CurrentUser() op: AuthUser, @Query() q: ListWithdrawalsQueryDto) {
    return this.reports.listWithdrawals(op, q);
  }

  @Post('withdrawals/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a withdrawal (posted to withdrawals payable; paid offline)' })
  @ApiOkResponse({ type: DecisionResponseDto })
  approve(@Param('id') id: string, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.ops.decideWithdrawal(id, 'approved', null, op, meta.ip);
  }

  @Post('withdrawals/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a withdrawal (the frozen amount is released)' })
  @ApiOkResponse({ type: DecisionResponseDto })
  reject(@Param('id') id: string, @Body() dto: RejectDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.ops.decideWithdrawal(id, 'rejected', dto.reason, op, meta.ip);
  }

  @Get('transfers')
  @ApiOperation({ summary: 'Ledger explorer: every transfer, filtered by agent or platform account, type, status, hold, period' })
  @ApiOkResponse({ type: TransferPageDto })
  transfers(@CurrentUser() op: AuthUser, @Query() q: ListTransfersQueryDto) {
    return this.reports.listTransfers(op, q);
  }

  @Post('transfers/:id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a transfer held for review (posted)' })
  @ApiOkResponse({ type: TransferResultResponseDto })
  release(@Param('id') id: string, @Body() dto: DecideHeldDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.ops.decideHeld(id, 'release', dto, op, meta.ip);
  }

  @Post('transfers/:id/refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse a transfer held for review (voided, released to the sender)' })
  @ApiOkResponse({ type: TransferResultResponseDto })
  refuse(@Param('id') id: string, @Body() dto: DecideHeldDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.ops.decideHeld(id, 'refuse', dto, op, meta.ip);
  }

  @Post('transfers/:id/reverse')
  @HttpCode(201)
  @ApiOperation({ summary: 'Correct a posted transfer by a reversal entry (at most once)' })
  @ApiCreatedResponse({ type: TransferResultResponseDto })
  reverse(@Param('id') id: string, @Body() dto: ReverseDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.ops.reverse(id, dto.reason, op, meta.ip);
  }

  @Get('accounts')
  @ApiOperation({ summary: 'Platform accounts (system issuer, card sales, withdrawals payable) and their balances' })
  @ApiOkResponse({ type: [PlatformAccountResponseDto] })
  accounts() {
    return this.reports.platformAccounts();
  }

  @Get('check')
  @ApiOperation({ summary: 'Run the invariant check now' })
  @ApiOkResponse({ type: CheckResponseDto })
  check() {
    return this.reports.check();
  }

  @Get('check/latest')
  @ApiOperation({ summary: 'The last invariant check (route or nightly job), or null' })
  @ApiOkResponse({ type: CheckResponseDto })
  latest() {
    return this.reports.latestCheck();
  }

  @Get('settings')
  @ApiOperation({ summary: 'Minimum amounts and risk-hold thresholds' })
  @ApiOkResponse({ type: SettingsResponseDto })
  settings() {
    return this.ops.settings();
  }

  @Put('settings')
  @ApiOperation({ summary: 'Edit minimum amounts and risk-hold thresholds (audited)' })
  @ApiOkResponse({ type: SettingsResponseDto })
  updateSettings(@Body() dto: UpdateLedgerSettingsDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.ops.updateSettings(dto, op, meta.ip);
  }
}
