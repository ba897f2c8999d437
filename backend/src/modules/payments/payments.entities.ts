import { PaymentEvent } from './entities/payment-event.entity.js';
import { PaymentOrder } from './entities/payment-order.entity.js';
import { PaymentRefund } from './entities/payment-refund.entity.js';

export const PaymentsEntities = [PaymentOrder, PaymentRefund, PaymentEvent];
