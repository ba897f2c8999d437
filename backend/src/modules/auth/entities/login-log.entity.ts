import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LoginLogDto } from '@zhice/shared';

@Entity('login_logs')
@Index('ix_login_logs_at', ['at'])
@Index('ix_login_logs_user', ['userId', 'at'])
export class LoginLog {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  /** What was typed, so failed attempts on unknown names are visible too. */
  @Column({ type: 'varchar', length: 254 })
  username: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent: string | null;

  @Column({ type: 'varchar', length: 24 })
  result: LoginLogDto['result'];
}
