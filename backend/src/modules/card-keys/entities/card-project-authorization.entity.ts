import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An agent may generate keys for a project until `expiresAt` (null = no end) unless revoked. */
@Entity('card_project_authorizations')
@Index('uq_card_project_auth', ['projectId', 'agentId'], { unique: true })
export class CardProjectAuthorization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Index('ix_card_project_auth_agent')
  @Column({ name: 'agent_id', type: 'uuid' })
  agentId: string;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'granted_by', type: 'uuid', nullable: true })
  grantedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
