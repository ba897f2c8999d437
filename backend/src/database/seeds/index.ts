import type { Type } from '@nestjs/common';
import { DemoPoolSeeder } from '../../modules/allocation/demo-pool.seeder.js';
import { CardKeysDemoSeeder } from '../../modules/card-keys/card-keys-demo.seeder.js';
import { AdminSeeder } from '../../modules/auth/admin.seeder.js';
import { MarketDemoSeeder } from '../../modules/market-data/demo/market-demo.seeder.js';
import { DemoAgentsSeeder } from '../../modules/ledger/demo-agents.seeder.js';
import { SignalsDemoSeeder } from '../../modules/signals/demo/signals-demo.seeder.js';
import type { Seeder } from './seeder.js';

/** Seeds in order; a module adds its seeder class here (and provides it in its module). */
export const SEEDERS: Type<Seeder>[] = [AdminSeeder, DemoPoolSeeder, MarketDemoSeeder, SignalsDemoSeeder, DemoAgentsSeeder, CardKeysDemoSeeder];
