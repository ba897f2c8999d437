import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintFen } from './bigint.transformer.js';

export type PaymentRefundStatus = 'submitting' | 'processing' | 'success' | 'closed' | 'abnormal';

/**
 * An admin refund. The row (with its stable out_refund_no) is written before WeChat Pay is asked,
 * so a lost answer is retried with the same number and never refunds twice.
 */
@Entity('payment_refunds')
@Index('uq_payment_refunds_order_seq', ['outTradeNo', 'seq'], { unique: true })
@Index('ix_payment_refunds_status', ['status', 'nextQueryAt'])
@Check('ck_payment_refunds_status', `"status" IN ('submitting', 'processing', 'success', 'closed', 'abnormal')`)
@Check('ck_payment_refunds_amount', `"amount_fen" > 0`)
export class PaymentRefund {
  @PrimaryColumn({ name: 'out_refund_no', type: 'varchar', length: 64 })
  outRefundNo: string;

  @Column({ name: 'out_trade_no', type: 'varchar', length: 32 })
  outTradeNo: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintFen })
  amountFen: number;

  @Column({ type: 'varchar', length: 80 })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'submitting' })
  status: PaymentRefundStatus;

  @Column({ name: 'refund_id', type: 'varchar', length: 64, nullable: true })
  refundId: string | null;

  @Column({ name: 'operator_id', type: 'uuid', nullable: true })
  operatorId: string | null;

  /** The VIP revert grant a full refund made (vip_grants.id). */
  @Column({ name: 'revert_grant_id', type: 'bigint', nullable: true })
  revertGrantId: string | null;

  @Column({ name: 'query_attempts', type: 'int', default: 0 })
  queryAttempts: number;

  @Column({ name: 'next_query_at', type: 'timestamptz', nullable: true })
  nextQueryAt: Date | null;

  @Column({ name: 'success_at', type: 'timestamptz', nullable: true })
  successAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
