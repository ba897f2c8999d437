import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Stored in the database (not memory) so any API instance can check what another issued. */
@Entity('captchas')
export class Captcha {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'answer_hash', type: 'char', length: 64 })
  answerHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
