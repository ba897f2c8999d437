import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Seeder } from '../../database/seeds/seeder.js';
import { AgentsService } from '../agents/agents.service.js';
import { AuthService } from '../auth/auth.service.js';
import { UsersService } from '../users/users.service.js';
import { LedgerOperationsService } from './ledger-operations.service.js';
import { LedgerService } from './ledger.service.js';

/** Demo agents (README): a parent agent and its sub-agent. */
export const DEMO_AGENTS = {
  parent: { username: 'agent_demo', password: 'Agent-demo-2026' },
  sub: { username: 'agent_sub', password: 'Agent-sub-2026' },
} as const;

/**
 * Demo data: two agents (parent + sub-agent) created through the normal user path, and a few
 * movements through the real ledger operations (idempotent keys, so re-runs move nothing).
 */
@Injectable()
export class DemoAgentsSeeder implements Seeder {
  readonly name = 'demo-agents';
  readonly demoOnly = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly agents: AgentsService,
    private readonly ledger: LedgerService,
    private readonly ops: LedgerOperationsService,
  ) {}

  async run(): Promise<void> {
    const parent = await this.ensureAgent(DEMO_AGENTS.parent.username, DEMO_AGENTS.parent.password, null);
    const sub = await this.ensureAgent(DEMO_AGENTS.sub.username, DEMO_AGENTS.sub.password, parent);
    if (!parent.created && !sub.created) return;
    await this.ledger.post({ from: { kind: 'system' }, to: { kind: 'agent', userId: parent.id }, amountFen: 1_000_000n, type: 'recharge', idempotencyKey: 'demo:recharge:parent:1', note: '演示充值' });
    await this.ledger.post({ from: { kind: 'system' }, to: { kind: 'agent', userId: parent.id }, amountFen: 500_000n, type: 'recharge', idempotencyKey: 'demo:recharge:parent:2', note: '演示追加' });
    const p = { id: parent.id, username: DEMO_AGENTS.parent.username, role: 'agent' as const };
    const s = { id: sub.id, username: DEMO_AGENTS.sub.username, role: 'agent' as const };
    await this.ops.transfer({ toUsername: DEMO_AGENTS.sub.username, amountFen: 300_000, idempotencyKey: 'demo-transfer-1', note: '下级额度' }, p);
    await this.ops.transfer({ toUsername: DEMO_AGENTS.parent.username, amountFen: 20_000, idempotencyKey: 'demo-transfer-2', note: '退回部分额度' }, s);
    await this.ops.withdraw({ amountFen: 50_000, account: '招商银行 6222 0212 3456 7890 123 演示', idempotencyKey: 'demo-withdrawal-1' }, s);
  }

  private async ensureAgent(username: string, password: string, parent: { id: string } | null): Promise<{ id: string; created: boolean }> {
    const existing = await this.users.findByLogin(username);
    if (existing) return { id: existing.id, created: false };
    const id = await this.dataSource.transaction(async (m) => {
      const u = await this.auth.createUser({ username, password, role: 'agent' }, m);
      await this.agents.registerIn(m, u.id, parent?.id ?? null, null);
      return u.id;
    });
    return { id, created: true };
  }
}
