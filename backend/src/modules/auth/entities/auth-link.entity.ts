import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type AuthLinkPurpose = 'verify_email' | 'reset_password';

/** Single-use record behind a signed e-mail link; `usedAt` makes the second click fail. */
@Entity('auth_links')
@Index('ix_auth_links_user', ['userId', 'purpose'])
export class AuthLink {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 24 })
  purpose: AuthLinkPurpose;

  /** The e-mail the link was sent to: verifying must confirm that address, not a later one. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
