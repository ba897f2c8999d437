import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Seeder } from '../../database/seeds/seeder.js';
import { AgentsService } from '../agents/agents.service.js';
import { DEMO_AGENTS } from '../ledger/demo-agents.seeder.js';
import { CardKeysStore } from './card-keys.store.js';
import { CardProjectsService } from './card-projects.service.js';

export const DEMO_PROJECT_NAME = '演示软件（卡密验证示例）';

/**
 * Demo data: one outside project (its secret is not printed — rotate it in the panel to get one)
 * authorised for the demo agents (ledger's demo seed), so a demo agent can generate both VIP and project keys at once.
 * VIP keys need nothing seeded: the demo agents' quota (ledger's demo seed) pays for them.
 */
@Injectable()
export class CardKeysDemoSeeder implements Seeder {
  readonly name = 'demo-card-keys';
  readonly demoOnly = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CardKeysStore,
    private readonly projects: CardProjectsService,
    private readonly agents: AgentsService,
  ) {}

  async run(): Promise<void> {
    const m = this.dataSource.manager;
    let projectId = await this.store.projectIdByName(m, DEMO_PROJECT_NAME);
    if (!projectId) {
      const system = { id: '00000000-0000-0000-0000-000000000000', username: 'system', role: 'admin' as const };
      projectId = (await this.projects.create({ name: DEMO_PROJECT_NAME, description: '演示数据：外部软件通过签名接口验证卡密', version: '1.0.0', retailFenPer30d: 1000 }, { ...system, id: null as never }, null)).id;
    }
    for (const demo of Object.values(DEMO_AGENTS)) {
      const agentId = await this.agents.agentIdByUsername(demo.username);
      if (agentId && !(await this.store.activeAuthorization(m, projectId, agentId, new Date()))) await this.store.upsertAuthorization(m, projectId, agentId, null, null as never);
    }
  }
}
