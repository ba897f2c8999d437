import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Seeder } from '../../database/seeds/seeder.js';
import { CardKeysStore } from './card-keys.store.js';
import { CardProjectsService } from './card-projects.service.js';

export const DEMO_PROJECT_NAME = '演示软件（卡密验证示例）';

/**
 * Demo data: one outside project (its secret is not printed — rotate it in the panel to get one)
 * authorised for every agent, so a demo agent can generate both VIP and project keys at once.
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
  ) {}

  async run(): Promise<void> {
    const m = this.dataSource.manager;
    const existing: Array<{ id: string }> = await m.query(`SELECT id FROM card_projects WHERE name = $1`, [DEMO_PROJECT_NAME]);
    let projectId = existing[0]?.id;
    if (!projectId) {
      const system = { id: '00000000-0000-0000-0000-000000000000', username: 'system', role: 'admin' as const };
      projectId = (await this.projects.create({ name: DEMO_PROJECT_NAME, description: '演示数据：外部软件通过签名接口验证卡密', version: '1.0.0', retailFenPer30d: 1000 }, { ...system, id: null as never }, null)).id;
    }
    // every agent (the users module's table, read once here for demo data only)
    const agents: Array<{ id: string }> = await m.query(`SELECT id FROM users WHERE role = 'agent'`);
    for (const a of agents) {
      if (!(await this.store.activeAuthorization(m, projectId, a.id, new Date()))) await this.store.upsertAuthorization(m, projectId, a.id, null, null as never);
    }
  }
}
