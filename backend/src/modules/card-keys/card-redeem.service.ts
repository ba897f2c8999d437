import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { UsersService } from '../users/users.service.js';
import { VipService } from '../vip/vip.service.js';
import { VipEntitlements } from '../vip/vip-entitlements.service.js';
import { CardBatchesService } from './card-batches.service.js';
import { CardKeysStore } from './card-keys.store.js';
import { normalizeCode } from './domain/card-code.js';
import { afterFailure, IP_RULE, lockSecondsLeft, MEMBER_RULE, type ThrottleRule } from './domain/throttle.js';

/** Hash of a fixed impossible code: input that cannot be a code still costs one HMAC and one lookup. */
const DUMMY = 'UUUUUUUUUUUUUUUU';

/**
 * POST /me/card-keys/redeem. One conditional update (unused → used) and the VIP grant in one
 * transaction: of N concurrent redeems of one key exactly one updates the row, the others see
 * "used". Wrong (unknown) codes count towards a progressive lockout per member and per IP; successes never do.
 */
@Injectable()
export class CardRedeemService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CardKeysStore,
    private readonly batches: CardBatchesService,
    private readonly vip: VipService,
    private readonly entitlements: VipEntitlements,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  async redeem(member: AuthUser, code: string, ip: string | null) {
    const now = this.clock.now();
    const subjects = [`member:${member.id}`, ...(ip ? [`ip:${ip}`] : [])];
    const canonical = normalizeCode(code);
    const lookup = this.batches.crypto.lookup(canonical ?? DUMMY);
    // Round trips per redeem: BEGIN, the lockout check + conditional update (one statement), the
    // VIP grant's statements, COMMIT; then the user for the answer. The lockout is checked in the
    // same statement as the update, so a locked member/IP changes nothing.
    let memberThrottled = false;
    const outcome = await this.dataSource.transaction(async (m) => {
      const r = await this.store.redeemVip(m, lookup, member.id, now, subjects);
      memberThrottled = r.memberThrottled;
      const wait = lockSecondsLeft({ lockedUntil: r.lockedUntil }, now);
      if (wait > 0) return { error: new AppException('CARD_REDEEM_LOCKED', 429, 'Too many wrong card keys; try again later', { retryAfterSeconds: wait }) };
      const won = r.won;
      if (!won) {
        const key = await this.store.keyByLookup(m, lookup);
        if (!key || key.kind !== 'vip') return { error: new AppException('CARD_KEY_NOT_FOUND', 404, 'Card key not found') };
        if (key.status === 'used') return { error: new AppException('CARD_KEY_USED', 409, 'This card key has already been used') };
        if (key.status === 'void') return { error: new AppException('CARD_KEY_VOID', 410, 'This card key has been voided') };
        return { error: new AppException('CARD_KEY_EXPIRED', 410, 'This card key can no longer be redeemed') };
      }
      const { grant, changed } = await this.vip.grantIn(m, { userId: member.id, level: won.level, months: won.months, source: 'card_key', reference: won.id, reason: 'card key' });
      return { grant, changed };
    });
    if ('error' in outcome && outcome.error) {
      // Only wrong codes count (what a guesser produces); "used" / "void" answers are about real keys.
      if (outcome.error.code === 'CARD_KEY_NOT_FOUND') await this.recordFailure(subjects, now);
      throw outcome.error;
    }
    if (memberThrottled) await this.store.clearThrottle(this.dataSource.manager, `member:${member.id}`);
    this.vip.publishLevelChanged(outcome.changed ?? null);
    return { user: await this.entitlements.present(await this.users.getById(member.id)), grant: outcome.grant };
  }

  private async recordFailure(subjects: string[], now: Date): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      for (const subject of subjects) {
        const rule: ThrottleRule = subject.startsWith('ip:') ? IP_RULE : MEMBER_RULE;
        const prev = await this.store.throttle(m, subject, { lock: true });
        await this.store.saveThrottle(m, subject, afterFailure(prev, rule, now));
      }
    });
  }
}
