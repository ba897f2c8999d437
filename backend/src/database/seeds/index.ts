import type { Type } from '@nestjs/common';
import { AdminSeeder } from '../../modules/auth/admin.seeder.js';
import type { Seeder } from './seeder.js';

/** Seeds in order; a module adds its seeder class here (and provides it in its module). */
export const SEEDERS: Type<Seeder>[] = [AdminSeeder];
