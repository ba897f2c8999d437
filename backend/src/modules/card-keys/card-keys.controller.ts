import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../common/auth.decorators.js';
import { CardBatchesService } from './card-batches.service.js';
import { CardKeysService } from './card-keys.service.js';
import { CardOpenService, type SignedRequest } from './card-open.service.js';
import { CardProjectsService } from './card-projects.service.js';
import { CardRedeemService } from './card-redeem.service.js';
import {
  AgentCardProjectDto,
  ApplyProjectDto,
  AuthorizeAgentDto,
  CardBatchCreatedDto,
  CardBatchDto,
  CardBatchPageDto,
  CardBatchVoidedDto,
  CardKeyPageDto,
  CardKeyQueryResultDto,
  CardKeySettingsDto,
  CardKeyStatsDto,
  CardPriceEntryDto,
  CardPriceQuoteDto,
  CardProjectApplicationDto,
  CardProjectApplicationPageDto,
  CardProjectAuthorizationDto,
  CardProjectCreatedDto,
  CardProjectDto,
  CardProjectPageDto,
  CardVerificationLogPageDto,
  CardVerifyResultDto,
  CreateCardBatchDto,
  CreateProjectDto,
  DecideApplicationDto,
  ExportQueryDto,
  ListApplicationsQueryDto,
  ListCardBatchesQueryDto,
  ListProjectsQueryDto,
  PriceQuoteQueryDto,
  RedeemCardKeyDto,
  RedeemResultDto,
  SearchCardKeysQueryDto,
  SetCardPriceDto,
  StatsQueryDto,
  UnbindResultDto,
  UpdateCardKeySettingsDto,
  UpdateProjectDto,
  VerificationLogQueryDto,
  VerifyCardKeyDto,
} from './dto/card-keys.dto.js';

const CODE = /^[^/]{1,100}$/;
function codeParam(code: string): string {
  return CODE.test(code) ? code : '';
}

@ApiTags('card-keys')
@ApiBearerAuth()
@Controller('agent')
export class AgentCardKeysController {
  constructor(
    private readonly batches: CardBatchesService,
    private readonly keys: CardKeysService,
  ) {}

  @ApiOperation({ summary: 'Generate a batch of VIP or project card keys, paid from the caller’s quota' })
  @ApiCreatedResponse({ type: CardBatchCreatedDto })
  @Roles('agent')
  @Post('card-batches')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCardBatchDto, @ReqMeta() meta: RequestMeta) {
    return this.batches.create(user, dto, meta.ip);
  }

  @ApiOperation({ summary: 'Own and descendants’ card batches (admins: all)' })
  @ApiOkResponse({ type: CardBatchPageDto })
  @Roles('agent')
  @Get('card-batches')
  list(@CurrentUser() user: AuthUser, @Query() q: ListCardBatchesQueryDto) {
    return this.batches.list(user, q);
  }

  @ApiOperation({ summary: 'One card batch with its generation progress' })
  @ApiOkResponse({ type: CardBatchDto })
  @Roles('agent')
  @Get('card-batches/:id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.batches.get(user, id);
  }

  @ApiOperation({ summary: 'Export the batch’s keys (owner only), CSV or XLSX, streamed, with a trailing count and SHA-256' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'CSV or XLSX file, one row per key, then row count and checksum', content: { 'text/csv': { schema: { type: 'string', format: 'binary' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } })
  @Roles('agent')
  @Get('card-batches/:id/export')
  export(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() q: ExportQueryDto, @Res() res: Response, @ReqMeta() meta: RequestMeta) {
    return this.batches.export(user, id, q.format, res, meta.ip);
  }

  @ApiOperation({ summary: 'Void the batch’s unused keys; their quota comes back by a reversal transfer' })
  @ApiOkResponse({ type: CardBatchVoidedDto })
  @Roles('agent')
  @HttpCode(200)
  @Post('card-batches/:id/void')
  void(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @ReqMeta() meta: RequestMeta) {
    return this.batches.void(user, id, meta.ip);
  }

  @ApiOperation({ summary: 'Cost preview of a batch (unit price × count)' })
  @ApiOkResponse({ type: CardPriceQuoteDto })
  @Roles('agent')
  @Get('card-prices/quote')
  quote(@CurrentUser() user: AuthUser, @Query() q: PriceQuoteQueryDto) {
    return this.batches.quote(user, q);
  }

  @ApiOperation({ summary: 'Search keys (full code, last 4, batch, status, project) in the caller’s scope' })
  @ApiOkResponse({ type: CardKeyPageDto })
  @Roles('agent')
  @Get('card-keys')
  search(@CurrentUser() user: AuthUser, @Query() q: SearchCardKeysQueryDto) {
    return this.keys.search(user, q);
  }

  @ApiOperation({ summary: 'Card-key statistics by status, level, project, agent and day (scoped)' })
  @ApiOkResponse({ type: CardKeyStatsDto })
  @Roles('agent')
  @Get('card-keys/stats')
  stats(@CurrentUser() user: AuthUser, @Query() q: StatsQueryDto) {
    return this.keys.stats(user, q);
  }

  @ApiOperation({ summary: 'Card-key statistics as CSV' })
  @ApiProduces('text/csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV of the stats', content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } } })
  @Roles('agent')
  @Get('card-keys/stats/export')
  statsExport(@CurrentUser() user: AuthUser, @Query() q: StatsQueryDto, @Res() res: Response) {
    return this.keys.statsCsv(user, q, res);
  }

  @ApiOperation({ summary: 'Verification log of the caller’s keys (admins: all)' })
  @ApiOkResponse({ type: CardVerificationLogPageDto })
  @Roles('agent')
  @Get('card-keys/verifications')
  verifications(@CurrentUser() user: AuthUser, @Query() q: VerificationLogQueryDto) {
    return this.keys.verificationLogs(user, q);
  }

  @ApiOperation({ summary: 'Clear the device binding of a used, unexpired project key (validity kept; cooldown)' })
  @ApiOkResponse({ type: UnbindResultDto })
  @Roles('agent')
  @HttpCode(200)
  @Post('card-keys/:code/unbind')
  unbind(@CurrentUser() user: AuthUser, @Param('code') code: string, @ReqMeta() meta: RequestMeta) {
    return this.keys.unbind(user, codeParam(code), meta.ip);
  }
}

@ApiTags('card-keys')
@ApiBearerAuth()
@Controller('me/card-keys')
export class MemberCardKeysController {
  constructor(private readonly redeemer: CardRedeemService) {}

  @ApiOperation({ summary: 'Redeem a VIP card key (404 unknown, 409 used, 410 void or past its redeem-by date; 429 after repeated wrong codes)' })
  @ApiOkResponse({ type: RedeemResultDto })
  @Roles('user')
  @HttpCode(200)
  @Post('redeem')
  redeem(@CurrentUser() user: AuthUser, @Body() dto: RedeemCardKeyDto, @ReqMeta() meta: RequestMeta) {
    return this.redeemer.redeem(user, dto.code, meta.ip);
  }
}

@ApiTags('card-keys')
@ApiBearerAuth()
@Controller()
export class CardProjectsController {
  constructor(
    private readonly projects: CardProjectsService,
    private readonly batches: CardBatchesService,
    private readonly keys: CardKeysService,
  ) {}

  @ApiOperation({ summary: 'Create an outside project; the API secret is shown once' })
  @ApiCreatedResponse({ type: CardProjectCreatedDto })
  @Roles('admin')
  @Post('admin/projects')
  create(@Body() dto: CreateProjectDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.projects.create(dto, user, meta.ip);
  }

  @ApiOperation({ summary: 'Outside projects' })
  @ApiOkResponse({ type: CardProjectPageDto })
  @Roles('admin')
  @Get('admin/projects')
  list(@Query() q: ListProjectsQueryDto) {
    return this.projects.list(q);
  }

  @ApiOperation({ summary: 'Edit a project, enable or disable it' })
  @ApiOkResponse({ type: CardProjectDto })
  @Roles('admin')
  @Patch('admin/projects/:id')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateProjectDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.projects.update(id, dto, user, meta.ip);
  }

  @ApiOperation({ summary: 'Rotate the project’s API key and secret (the new secret is shown once)' })
  @ApiCreatedResponse({ type: CardProjectCreatedDto })
  @Roles('admin')
  @Post('admin/projects/:id/rotate-secret')
  rotate(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.projects.rotate(id, user, meta.ip);
  }

  @ApiOperation({ summary: 'Authorise an agent for the project (optional expiry)' })
  @ApiCreatedResponse({ type: CardProjectAuthorizationDto })
  @Roles('admin')
  @Post('admin/projects/:id/authorizations')
  authorize(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AuthorizeAgentDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.projects.authorize(id, dto, user, meta.ip);
  }

  @ApiOperation({ summary: 'The project’s authorisations' })
  @ApiOkResponse({ type: [CardProjectAuthorizationDto] })
  @Roles('admin')
  @Get('admin/projects/:id/authorizations')
  authorizations(@Param('id', ParseUUIDPipe) id: string) {
    return this.projects.authorizations(id);
  }

  @ApiOperation({ summary: 'Revoke an agent’s authorisation' })
  @ApiOkResponse({ description: 'Whether an authorisation was revoked', schema: { type: 'object', properties: { revoked: { type: 'boolean', example: true } }, required: ['revoked'] } })
  @Roles('admin')
  @HttpCode(200)
  @Post('admin/projects/:id/authorizations/:agentId/revoke')
  revoke(@Param('id', ParseUUIDPipe) id: string, @Param('agentId', ParseUUIDPipe) agentId: string, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.projects.revoke(id, agentId, user, meta.ip);
  }

  @ApiOperation({ summary: 'Agents’ card prices per VIP level and term and per project and duration (default: a discount of retail)' })
  @ApiOkResponse({ type: [CardPriceEntryDto] })
  @Roles('admin')
  @Get('admin/card-prices')
  prices() {
    return this.batches.listPrices();
  }

  @ApiOperation({ summary: 'Set (or with priceFen null, reset) one card price' })
  @ApiOkResponse({ type: [CardPriceEntryDto] })
  @Roles('admin')
  @Put('admin/card-prices')
  setPrice(@Body() dto: SetCardPriceDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.batches.setPrice(dto, user, meta.ip);
  }

  @ApiOperation({ summary: 'Card-key settings (unbind cooldown, default discount)' })
  @ApiOkResponse({ type: CardKeySettingsDto })
  @Roles('admin')
  @Get('admin/card-settings')
  settings() {
    return this.keys.settings();
  }

  @ApiOperation({ summary: 'Change card-key settings' })
  @ApiOkResponse({ type: CardKeySettingsDto })
  @Roles('admin')
  @Put('admin/card-settings')
  updateSettings(@Body() dto: UpdateCardKeySettingsDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.keys.updateSettings(dto, user, meta.ip);
  }

  @ApiOperation({ summary: 'Enabled projects with the caller’s authorisation and application status' })
  @ApiOkResponse({ type: [AgentCardProjectDto] })
  @Roles('agent')
  @Get('agent/projects')
  forAgent(@CurrentUser() user: AuthUser) {
    return this.projects.forAgent(user);
  }

  @ApiOperation({ summary: 'Apply for a project (the parent agent or an admin decides)' })
  @ApiCreatedResponse({ type: CardProjectApplicationDto })
  @Roles('agent')
  @Post('agent/projects/:id/applications')
  apply(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ApplyProjectDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.projects.apply(user, id, dto.reason, meta.ip);
  }

  @ApiOperation({ summary: 'Project applications: own and sub-agents’ (admins: all)' })
  @ApiOkResponse({ type: CardProjectApplicationPageDto })
  @Roles('agent')
  @Get('agent/project-applications')
  applications(@CurrentUser() user: AuthUser, @Query() q: ListApplicationsQueryDto) {
    return this.projects.applications(user, q);
  }

  @ApiOperation({ summary: 'Approve a sub-agent’s application (creates the authorisation)' })
  @ApiOkResponse({ type: CardProjectApplicationDto })
  @Roles('agent')
  @HttpCode(200)
  @Post('agent/project-applications/:id/approve')
  approve(@Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideApplicationDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.projects.decide(user, id, true, dto, meta.ip);
  }

  @ApiOperation({ summary: 'Refuse a sub-agent’s application' })
  @ApiOkResponse({ type: CardProjectApplicationDto })
  @Roles('agent')
  @HttpCode(200)
  @Post('agent/project-applications/:id/refuse')
  refuse(@Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideApplicationDto, @CurrentUser() user: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.projects.decide(user, id, false, dto, meta.ip);
  }
}

function signedRequest(req: Request & { rawBody?: Buffer }, meta: RequestMeta): SignedRequest {
  return { method: req.method, path: req.originalUrl.split('?')[0] ?? '', headers: req.headers, rawBody: req.rawBody ?? Buffer.alloc(0), ip: meta.ip };
}

@ApiTags('open')
@Controller('open/card-keys')
export class OpenCardKeysController {
  constructor(private readonly open: CardOpenService) {}

  @ApiOperation({ summary: 'Verify a project key (signed: HMAC-SHA256 of METHOD\\npath\\ntimestamp\\nnonce\\nsha256(body)); first use binds the device' })
  @ApiHeader({ name: 'X-Api-Key', required: true })
  @ApiHeader({ name: 'X-Timestamp', required: true })
  @ApiHeader({ name: 'X-Nonce', required: true })
  @ApiHeader({ name: 'X-Signature', required: true })
  @ApiOkResponse({ type: CardVerifyResultDto })
  @Public()
  @HttpCode(200)
  @Post('verify')
  verify(@Req() req: Request, @Body() dto: VerifyCardKeyDto, @ReqMeta() meta: RequestMeta) {
    return this.open.verify(signedRequest(req, meta), dto);
  }

  @ApiOperation({ summary: 'Query a project key’s status, activation and expiry (same signing, empty body)' })
  @ApiHeader({ name: 'X-Api-Key', required: true })
  @ApiHeader({ name: 'X-Timestamp', required: true })
  @ApiHeader({ name: 'X-Nonce', required: true })
  @ApiHeader({ name: 'X-Signature', required: true })
  @ApiOkResponse({ type: CardKeyQueryResultDto })
  @Public()
  @Get(':code')
  query(@Req() req: Request, @Param('code') code: string, @ReqMeta() meta: RequestMeta) {
    return this.open.query(signedRequest(req, meta), codeParam(code));
  }
}
