import { Counter, Histogram } from 'prom-client';

/** Payments metrics on the default prom-client registry (served at /metrics). */
export const paymentMetrics = {
  ordersCreated: new Counter({ name: 'zhice_payment_orders_created_total', help: 'WeChat Pay orders created (a re-click returning the same order is not counted)', labelNames: ['level'] }),
  ordersPaid: new Counter({ name: 'zhice_payment_orders_paid_total', help: 'Orders fulfilled (VIP granted), by what confirmed them', labelNames: ['via'] }),
  ordersClosed: new Counter({ name: 'zhice_payment_orders_closed_total', help: 'Orders closed (expired or closed at WeChat Pay)' }),
  ordersRefunded: new Counter({ name: 'zhice_payment_refunds_total', help: 'Refunds confirmed by WeChat Pay', labelNames: ['kind'] }),
  refundedFen: new Counter({ name: 'zhice_payment_refunded_fen_total', help: 'Refunded amount in fen' }),
  notifyVerificationFailures: new Counter({ name: 'zhice_payment_notify_verification_failures_total', help: 'Callbacks refused before decryption (signature, timestamp, serial, probe, decrypt)', labelNames: ['reason'] }),
  mismatches: new Counter({ name: 'zhice_payment_mismatches_total', help: 'Verified callbacks or queries whose merchant, app or amount did not match the order (flagged, never granted)', labelNames: ['field'] }),
  receipts: new Counter({ name: 'zhice_payment_receipts_total', help: 'Receipt e-mail job outcomes (sent, already-sent, no-address, not-paid; retry = a failed try, failed = the last try failed)', labelNames: ['outcome'] }),
  fulfilSeconds: new Histogram({ name: 'zhice_payment_fulfil_duration_seconds', help: 'Time to lock an order and grant VIP', labelNames: ['via'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] }),
};
