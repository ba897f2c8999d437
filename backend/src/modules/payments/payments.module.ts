import { Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { MailModule } from '../mail/mail.module.js';
import { UsersModule } from '../users/users.module.js';
import { VipModule } from '../vip/vip.module.js';
import { PaymentsController } from './payments.controller.js';
import { PaymentsEntities } from './payments.entities.js';
import { PaymentsExportService } from './payments-export.service.js';
import { PaymentsReceiptService } from './payments-receipt.service.js';
import { PaymentsProcessor, PaymentsSchedule } from './payments.processor.js';
import { PAYMENTS_RUNTIME, realRuntime, type PaymentsRuntime } from './payments.runtime.js';
import { PaymentsService } from './payments.service.js';
import { PaymentsStore } from './payments.store.js';
import { AuditModule } from '../audit/audit.module.js';

/** WeChat Pay in real mode, the in-process simulator in dev, or null (payments off). */
async function paymentsRuntime(config: AppConfig, clock: Clock, host: HttpAdapterHost): Promise<PaymentsRuntime | null> {
  const now = () => clock.now().getTime();
  if (config.wechatPay) return realRuntime(config, now);
  if (!config.wechatPaySimulator) return null;
  const { startSimulator } = await import('./simulator/simulator.js');
  return startSimulator(config, now, () => {
    const address = host.httpAdapter?.getHttpServer()?.address();
    return address && typeof address === 'object' ? `http://127.0.0.1:${address.port}/api/v1/payments/wechat/notify` : null;
  });
}

@Module({
  imports: [TypeOrmModule.forFeature(PaymentsEntities), UsersModule, VipModule, MailModule, AuditModule],
  controllers: [PaymentsController],
  providers: [
    PaymentsStore,
    PaymentsService,
    PaymentsExportService,
    PaymentsReceiptService,
    PaymentsProcessor,
    PaymentsSchedule,
    { provide: PAYMENTS_RUNTIME, useFactory: paymentsRuntime, inject: [APP_CONFIG, Clock, HttpAdapterHost] },
  ],
  exports: [PaymentsService],
})
export class PaymentsModule {}
