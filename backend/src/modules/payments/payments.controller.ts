import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, RawBody, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../common/auth.decorators.js';
import { langOf } from '../../common/localize.js';
import { PageQueryDto } from '../../common/pagination.js';
import {
  AdminOrdersQueryDto,
  AdminPaymentOrderDetailResponse,
  CreatedOrderResponse,
  CreateOrderDto,
  CreateRefundDto,
  OutTradeNoParam,
  PagedAdminPaymentOrdersResponse,
  PagedPaymentOrdersResponse,
  PaymentOrderResponse,
  PaymentRefundResponse,
  PaymentsConfigResponse,
  QuoteQueryDto,
  QuoteResponse,
  RevenueDayResponse,
  RevenueQueryDto,
  SimulatedPayResponse,
  SweepResponse,
} from './dto/payments.dto.js';
import { PaymentsExportService } from './payments-export.service.js';
import { PaymentsService } from './payments.service.js';

@ApiTags('payments')
@Controller()
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly exporter: PaymentsExportService,
  ) {}

  @Public()
  @Get('payments/config')
  @ApiOperation({ summary: 'Whether online payment is open (and whether the dev simulator runs)' })
  @ApiOkResponse({ type: PaymentsConfigResponse })
  config() {
    return this.payments.settings();
  }

  @ApiBearerAuth()
  @Get('payments/quote')
  @ApiOperation({ summary: 'Price, term and the new VIP expiry if the member bought this level now' })
  @ApiOkResponse({ type: QuoteResponse })
  quote(@CurrentUser() user: AuthUser, @Query() q: QuoteQueryDto) {
    return this.payments.quote(user, q.level);
  }

  @ApiBearerAuth()
  @Roles('user')
  @Post('payments/wechat/orders')
  @ApiOperation({ summary: 'Create (or return the pending) WeChat Pay Native order for a VIP level; 503 PAYMENTS_DISABLED when not configured' })
  @ApiCreatedResponse({ type: CreatedOrderResponse })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrderDto, @Headers('accept-language') acceptLanguage?: string) {
    // The member's UI language (both apps send it), kept on the order for the receipt e-mail.
    const known = acceptLanguage !== undefined && acceptLanguage.trim() !== '' && acceptLanguage.trim() !== '*';
    const lang = known ? (langOf(acceptLanguage) === 'en' ? 'en' : 'zh-CN') : null;
    return this.payments.createOrder(user, dto, lang);
  }

  @ApiBearerAuth()
  @Get('payments/orders/:outTradeNo')
  @ApiOperation({ summary: "An order's status (owner or admin; someone else's order is 404)" })
  @ApiOkResponse({ type: PaymentOrderResponse })
  order(@CurrentUser() user: AuthUser, @Param() p: OutTradeNoParam) {
    return this.payments.getOrder(user, p.outTradeNo);
  }

  @ApiBearerAuth()
  @Get('me/orders')
  @ApiOperation({ summary: "The member's own orders, newest first" })
  @ApiOkResponse({ type: PagedPaymentOrdersResponse })
  myOrders(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto) {
    return this.payments.myOrders(user, q);
  }

  @ApiBearerAuth()
  @Roles('user')
  @Post('payments/simulator/orders/:outTradeNo/pay')
  @HttpCode(202)
  @ApiOperation({ summary: 'DEV SIMULATOR ONLY: pretend the member scanned and paid (404 unless WECHATPAY_SIMULATOR=true)' })
  @ApiOkResponse({ type: SimulatedPayResponse })
  simulatePay(@CurrentUser() user: AuthUser, @Param() p: OutTradeNoParam) {
    return this.payments.simulatePay(user, p.outTradeNo);
  }

  /** WeChat Pay's callback, verified over the exact bytes received (the JSON parser keeps them as rawBody); no login. */
  @Public()
  @Post('payments/wechat/notify')
  @ApiExcludeEndpoint()
  async notify(@Headers() headers: Record<string, string | string[] | undefined>, @RawBody() raw: Buffer | undefined, @Res() res: Response) {
    const answer = await this.payments.handleNotify(headers, Buffer.isBuffer(raw) ? raw : undefined);
    if (answer.body) res.status(answer.status).json(answer.body);
    else res.status(answer.status).end();
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Get('admin/payments/orders')
  @ApiOperation({ summary: 'Orders, filtered by status / user / date / flagged, paged and sorted server-side' })
  @ApiOkResponse({ type: PagedAdminPaymentOrdersResponse })
  adminList(@Query() q: AdminOrdersQueryDto) {
    return this.payments.adminList(q);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Get('admin/payments/orders/export')
  @ApiOperation({ summary: 'The filtered orders as an XLSX workbook' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'XLSX file', schema: { type: 'string', format: 'binary' } })
  export(@Query() q: AdminOrdersQueryDto, @Res() res: Response) {
    return this.exporter.xlsx(q, res);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Get('admin/payments/revenue')
  @ApiOperation({ summary: 'Paid and refunded amounts per Asia/Shanghai day' })
  @ApiOkResponse({ type: [RevenueDayResponse] })
  revenue(@Query() q: RevenueQueryDto) {
    return this.payments.revenue(q.days);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Get('admin/payments/orders/:outTradeNo')
  @ApiOperation({ summary: 'One order with its event timeline (created, notifies, queries, grant, refunds)' })
  @ApiOkResponse({ type: AdminPaymentOrderDetailResponse })
  adminDetail(@Param() p: OutTradeNoParam) {
    return this.payments.adminDetail(p.outTradeNo);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('admin/payments/orders/:outTradeNo/sync')
  @HttpCode(200)
  @ApiOperation({ summary: 'Query WeChat Pay now and reconcile through the same fulfilment (audited)' })
  @ApiOkResponse({ type: AdminPaymentOrderDetailResponse })
  sync(@CurrentUser() admin: AuthUser, @Param() p: OutTradeNoParam, @ReqMeta() meta: RequestMeta) {
    return this.payments.syncNow(admin, p.outTradeNo, meta.ip);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('admin/payments/orders/:outTradeNo/refunds')
  @ApiOperation({ summary: 'Refund all or part of a paid order (reason required; never more than paid)' })
  @ApiCreatedResponse({ type: PaymentRefundResponse })
  refund(@CurrentUser() admin: AuthUser, @Param() p: OutTradeNoParam, @Body() dto: CreateRefundDto, @ReqMeta() meta: RequestMeta) {
    return this.payments.refund(admin, p.outTradeNo, dto, meta.ip);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('admin/payments/sweep')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the reconciliation sweep now: flags orders that are still inconsistent' })
  @ApiOkResponse({ type: SweepResponse })
  sweep() {
    return this.payments.dailySweep();
  }
}
