// TEMPORARY STUB (cardkeys branch) until the `ledger` branch's AgentsService is merged.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser } from '../../common/auth.decorators.js';

@Injectable()
export class AgentsService {
  constructor(private readonly dataSource: DataSource) {}

  async subtreeIds(agentId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH RECURSIVE t(id) AS (SELECT id FROM users WHERE id = $1 UNION ALL SELECT u.id FROM users u JOIN t ON u.parent_id = t.id AND u.role = 'agent') SELECT id FROM t`,
      [agentId],
    );
    return rows.map((r) => r.id);
  }

  async assertInScope(principal: AuthUser, agentId: string): Promise<void> {
    if (principal.role === 'admin') return;
    if (!(await this.subtreeIds(principal.id)).includes(agentId)) throw AppException.notFound('USER_NOT_FOUND', 'User not found');
  }

  async isAgent(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM users WHERE id = $1 AND role = 'agent'`, [userId]);
    return rows.length > 0;
  }
}
