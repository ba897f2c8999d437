import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every verify / query API call (time, project, key, device, IP, result). No codes. */
@Entity('card_verification_logs')
@Index('ix_card_verif_project_at', ['projectId', 'at'])
@Index('ix_card_verif_owner_at', ['ownerId', 'at'])
export class CardVerificationLog {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Column({ name: 'key_id', type: 'uuid', nullable: true })
  keyId: string | null;

  /** The key's batch owner (scoping), null when no key matched. */
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'varchar', length: 8 })
  action: 'verify' | 'query';

  @Column({ name: 'device_id', type: 'varchar', length: 128, nullable: true })
  deviceId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 32 })
  result: string;
}
