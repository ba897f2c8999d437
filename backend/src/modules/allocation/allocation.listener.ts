import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { USER_REGISTERED, type UserRegisteredEvent } from '../auth/auth.service.js';
import { VIP_LEVEL_CHANGED, type VipLevelChangedEvent } from '../vip/vip.events.js';
import { AllocationService, type SyncReason } from './allocation.service.js';

/** Attempts for one event; the user row may not be committed yet when an emitter ran inside a transaction. */
const ATTEMPTS = 4;
const backoffMs = (attempt: number) => 100 * 4 ** attempt;

/**
 * Allocation triggers. Handlers run asynchronously (after the emitter's call stack, so after its
 * commit), never throw into the emitter, and are idempotent (a sync converges to the quota).
 */
@Injectable()
export class AllocationListener {
  private readonly logger = new Logger('Allocation');

  constructor(private readonly allocation: AllocationService) {}

  @OnEvent(USER_REGISTERED, { async: true, promisify: true })
  async onUserRegistered(e: UserRegisteredEvent): Promise<void> {
    await this.sync(e.userId, 'register');
  }

  @OnEvent(VIP_LEVEL_CHANGED, { async: true, promisify: true })
  async onLevelChanged(e: VipLevelChangedEvent): Promise<void> {
    // A paid level can only end by expiry (downgrades while active are refused), so "down" = expiry.
    await this.sync(e.userId, e.to < e.from ? 'expiry' : 'level_change');
  }

  private async sync(userId: string, reason: SyncReason): Promise<void> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        const outcome = await this.allocation.syncMember(userId, reason);
        if (outcome.status !== 'no_user') return;
      } catch (err) {
        if (attempt === ATTEMPTS - 1) {
          this.logger.error(`allocation sync for ${userId} (${reason}) failed: ${err instanceof Error ? err.stack : err}`);
          return;
        }
      }
      await new Promise((r) => setTimeout(r, backoffMs(attempt)));
    }
    this.logger.warn(`allocation sync for ${userId} (${reason}): user not found`);
  }
}
