import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { Seeder } from '../../database/seeds/seeder.js';
import { UsersService } from '../users/users.service.js';
import { AuthService } from './auth.service.js';

/** First start with no admin: create one from ADMIN_USERNAME/ADMIN_PASSWORD, or a random password printed once. */
@Injectable()
export class AdminSeeder implements Seeder {
  readonly name = 'admin';
  readonly demoOnly = false;
  private readonly logger = new Logger('Seeds');

  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<void> {
    if ((await this.users.countByRole('admin')) > 0) return;
    const generated = this.config.adminPassword === null;
    const password = this.config.adminPassword ?? `Zc-${randomBytes(9).toString('base64url')}`;
    await this.auth.createUser({ username: this.config.adminUsername, password, email: this.config.adminEmail, role: 'admin' });
    if (generated) {
      // Printed once, to the console only (not the structured log), so it is seen and not kept.
      process.stdout.write(
        `\n  ┌──────────────────────────────────────────────────────────┐\n` +
          `  │ Admin account created: ${this.config.adminUsername.padEnd(34)}│\n` +
          `  │ Password (shown once):  ${password.padEnd(33)}│\n` +
          `  │ Set ADMIN_PASSWORD to choose it yourself.                │\n` +
          `  └──────────────────────────────────────────────────────────┘\n\n`,
      );
    } else {
      this.logger.log(`admin "${this.config.adminUsername}" created from ADMIN_PASSWORD`);
    }
  }
}
