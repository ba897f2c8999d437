import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintFen } from './bigint.transformer.js';

export type PaymentOrderStatus = 'pending' | 'paid' | 'closed' | 'refunded' | 'failed';

/**
 * A WeChat Pay Native order. Amount, level and months are copied from the level table when the
 * order is made; `status` moves only through `PaymentsService.fulfil`, close and refunds.
 */
@Entity('payment_orders')
@Index('ix_payment_orders_user', ['userId', 'createdAt'])
@Index('ix_payment_orders_due', ['status', 'nextQueryAt'])
@Index('ix_payment_orders_created', ['createdAt'])
@Check('ck_payment_orders_status', `"status" IN ('pending', 'paid', 'closed', 'refunded', 'failed')`)
@Check('ck_payment_orders_amount', `"amount_fen" > 0`)
@Check('ck_payment_orders_refunded', `"refunded_fen" >= 0 AND "refunded_fen" <= "amount_fen"`)
export class PaymentOrder {
  @PrimaryColumn({ name: 'out_trade_no', type: 'varchar', length: 32 })
  outTradeNo: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'smallint' })
  months: number;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintFen })
  amountFen: number;

  @Column({ type: 'varchar', length: 127 })
  description: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: PaymentOrderStatus;

  @Column({ name: 'code_url', type: 'varchar', length: 256, nullable: true })
  codeUrl: string | null;

  /** Sent to WeChat Pay as time_expire. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'transaction_id', type: 'varchar', length: 32, nullable: true })
  transactionId: string | null;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Sum of refunds that WeChat Pay confirmed (SUCCESS). */
  @Column({ name: 'refunded_fen', type: 'bigint', default: 0, transformer: bigintFen })
  refundedFen: number;

  /** The VIP grant this order made (vip_grants.id). */
  @Column({ name: 'grant_id', type: 'bigint', nullable: true })
  grantId: string | null;

  /** Set when something needs an operator: AMOUNT_MISMATCH, MCHID_MISMATCH, GRANT_REFUSED, INCONSISTENT… */
  @Column({ name: 'review_flag', type: 'varchar', length: 32, nullable: true })
  reviewFlag: string | null;

  @Column({ name: 'review_note', type: 'varchar', length: 300, nullable: true })
  reviewNote: string | null;

  /** The member's UI language when the order was created (its Accept-Language), for the receipt; null = not known. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  lang: 'zh-CN' | 'en' | null;

  /** When the payment receipt e-mail was sent: set once, so a replayed notify never sends another. */
  @Column({ name: 'receipt_sent_at', type: 'timestamptz', nullable: true })
  receiptSentAt: Date | null;

  @Column({ name: 'risk_ack_at', type: 'timestamptz' })
  riskAckAt: Date;

  /** Reconciliation back-off: how many active queries so far and when the next one is due. */
  @Column({ name: 'query_attempts', type: 'int', default: 0 })
  queryAttempts: number;

  @Column({ name: 'next_query_at', type: 'timestamptz', nullable: true })
  nextQueryAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
