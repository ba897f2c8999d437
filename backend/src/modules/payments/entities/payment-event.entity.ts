import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The timeline of an order: created, notify (verified or not, outcome), query, close, grant,
 * refund, refund notify, flags, admin sync. Never holds secrets: no signatures, no ciphertext,
 * no keys — only what was decided and the decrypted business fields that decided it.
 */
@Entity('payment_events')
@Index('ix_payment_events_order', ['outTradeNo', 'at'])
@Index('ix_payment_events_kind', ['kind', 'at'])
export class PaymentEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** Null when a callback could not be tied to an order (unverified, undecryptable). */
  @Column({ name: 'out_trade_no', type: 'varchar', length: 64, nullable: true })
  outTradeNo: string | null;

  @Column({ type: 'varchar', length: 24 })
  kind: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** WeChat's notification id (callbacks only). */
  @Column({ name: 'event_id', type: 'varchar', length: 64, nullable: true })
  eventId: string | null;

  @Column({ name: 'event_type', type: 'varchar', length: 32, nullable: true })
  eventType: string | null;

  @Column({ type: 'boolean', nullable: true })
  verified: boolean | null;

  @Column({ type: 'varchar', length: 48 })
  outcome: string;

  @Column({ type: 'jsonb', nullable: true })
  detail: Record<string, unknown> | null;
}
