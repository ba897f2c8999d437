import { Injectable } from '@nestjs/common';
import { fenToYuan } from '@zhice/shared';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { Clock } from '../../common/clock.js';
import type { AdminOrdersQueryDto } from './dto/payments.dto.js';
import { PaymentsService } from './payments.service.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The admin orders list (same filters) as an XLSX workbook, for finance. */
@Injectable()
export class PaymentsExportService {
  constructor(
    private readonly payments: PaymentsService,
    private readonly clock: Clock,
  ) {}

  async xlsx(q: AdminOrdersQueryDto, res: Response): Promise<void> {
    const rows = await this.payments.exportRows(q);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('orders');
    ws.columns = [
      { header: '订单号', key: 'outTradeNo', width: 34 },
      { header: '用户', key: 'username', width: 16 },
      { header: '等级', key: 'level', width: 6 },
      { header: '月数', key: 'months', width: 6 },
      { header: '金额(元)', key: 'amount', width: 10 },
      { header: '已退(元)', key: 'refunded', width: 10 },
      { header: '状态', key: 'status', width: 10 },
      { header: '创建时间', key: 'createdAt', width: 26 },
      { header: '支付时间', key: 'paidAt', width: 26 },
      { header: '微信支付单号', key: 'transactionId', width: 32 },
      { header: '待复核', key: 'reviewFlag', width: 20 },
    ];
    for (const r of rows) {
      ws.addRow({ ...r, amount: fenToYuan(r.amountFen), refunded: fenToYuan(r.refundedFen), paidAt: r.paidAt ?? '', transactionId: r.transactionId ?? '', reviewFlag: r.reviewFlag ?? '' });
    }
    const stamp = this.clock.now().toISOString().slice(0, 10);
    res.setHeader('Content-Type', XLSX_MIME);
    res.setHeader('Content-Disposition', `attachment; filename="payment-orders-${stamp}.xlsx"`);
    res.end(Buffer.from(await wb.xlsx.writeBuffer()));
  }
}
