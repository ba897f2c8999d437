import { Inject, Injectable, Logger, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { withSessionLock } from '../../common/session-lock.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { Seeder } from './seeder.js';
import { SEEDERS } from './index.js';

@Injectable()
export class SeedRunner {
  private readonly logger = new Logger('Seeds');

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async runAll(seeders: Type<Seeder>[] = SEEDERS): Promise<void> {
    await withSessionLock(this.dataSource, 'zhice:seeds', async () => {
      for (const cls of seeders) {
        const seeder = this.moduleRef.get(cls, { strict: false });
        if (seeder.demoOnly && !this.config.demoData) continue;
        const t = Date.now();
        await seeder.run();
        this.logger.log(`seed ${seeder.name} ok (${Date.now() - t} ms)`);
      }
    });
  }
}
