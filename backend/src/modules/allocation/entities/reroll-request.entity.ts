import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { RerollResultDto } from '@zhice/shared';

/**
 * An admin re-roll sent with an idempotency key: the same key again answers `result` and draws
 * nothing (the admin panel sends one key per dialog, so a double click or a retry re-rolls once).
 */
@Entity('reroll_requests')
export class RerollRequest {
  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'jsonb' })
  result: RerollResultDto;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
