import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The agent hierarchy (代理层级): one row per agent. `path` is the materialised path of ids from the
 * top-level agent down to this one (`/a/b/c/`); the subtree of X is every row whose path starts
 * with X's path. The column uses the "C" collation so the plain b-tree index serves `LIKE 'p%'`.
 */
@Entity('agent_profiles')
@Index('ix_agent_profiles_path', ['path'])
@Index('ix_agent_profiles_parent', ['parentId'])
@Check('ck_agent_profiles_depth', `"depth" >= 0`)
export class AgentProfile {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'varchar', length: 1024, collation: 'C' })
  path: string;

  @Column({ type: 'int' })
  depth: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
