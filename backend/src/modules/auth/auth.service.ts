import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '../jobs/queues.js';
import { FORGOT_PASSWORD_JOB, type ForgotPasswordJob } from './auth-mail.job.js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { AuthResult, AuthTokens, LoginLogDto, Paged } from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { RequestMeta } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { paged } from '../../common/pagination.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { MailService } from '../mail/mail.service.js';
import type { User } from '../users/entities/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { VipEntitlements } from '../vip/vip-entitlements.service.js';
import { CaptchaService } from './captcha.service.js';
import { type ChangePasswordDto, type ListLoginLogsQueryDto, type LoginDto, type RegisterDto } from './dto/auth.dto.js';
import { AuthLink, type AuthLinkPurpose } from './entities/auth-link.entity.js';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password-policy.js';
import { readLink, signLink } from './signed-link.js';
import { TokenService } from './token.service.js';
import { AuthStore } from './auth.store.js';
import { ACCOUNT_CAPTCHA_AFTER_FAILURES, ACCOUNT_LOCK_AFTER_FAILURES, ACCOUNT_SOURCE, CAPTCHA_AFTER_FAILURES, LOCK_AFTER_FAILURES, LOCK_MS, verdictFor } from './login-throttle.js';

import { RISK_DISCLOSURE_VERSION } from '../users/users.service.js';
export { RISK_DISCLOSURE_VERSION };
const LINK_TTL_MS: Record<AuthLinkPurpose, number> = { verify_email: 24 * 3600_000, reset_password: 3600_000 };

/** Emitted after a member account is created (allocation listens and draws the level-0 stocks). */
export const USER_REGISTERED = 'user.registered';
export interface UserRegisteredEvent {
  userId: string;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly entitlements: VipEntitlements,
    private readonly tokens: TokenService,
    private readonly captcha: CaptchaService,
    private readonly store: AuthStore,
    private readonly mail: MailService,
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.mail) private readonly mailQueue: Queue,
  ) {}

  assertPasswordPolicy(password: string) {
    const problem = passwordProblem(password);
    if (problem) throw AppException.badRequest('AUTH_WEAK_PASSWORD', 'The password needs at least 8 characters and not only digits', { reason: problem });
  }

  /** Creates a user of any role; used by registration, the admin panel and the seed. */
  async createUser(
    input: {
      username: string;
      password: string;
      email?: string | null;
      role: User['role'];
      riskAck?: boolean;
      parentId?: string | null;
      /** Someone else chose the password (admin-created users, agents, sub-agents): the owner must
       * change it before anything else (403 PASSWORD_CHANGE_REQUIRED). */
      mustChangePassword?: boolean;
    },
    manager?: EntityManager,
  ): Promise<User> {
    this.assertPasswordPolicy(input.password);
    const passwordHash = await hashPassword(input.password);
    const run = async (m: EntityManager) => {
      // Serialise creations of the same name, then of the same e-mail (always in this order), so
      // the friendly 409 wins over the unique index.
      await this.store.lockRegistration(m, input.username, input.email ?? null);
      await this.users.assertAvailable(input.username, input.email ?? null, m);
      const now = this.clock.now();
      return this.users.insertIn(m, {
        username: input.username,
        email: input.email ?? null,
        emailVerifiedAt: null,
        passwordHash,
        role: input.role,
        status: 'active',
        failedLoginCount: 0,
        lockedUntil: null,
        parentId: input.parentId ?? null,
        riskAckAt: input.riskAck ? now : null,
        riskAckVersion: input.riskAck ? RISK_DISCLOSURE_VERSION : null,
        mustChangePassword: input.mustChangePassword ?? false,
        tokenVersion: 0,
      });
    };
    const user = await (manager ? run(manager) : this.dataSource.transaction(run)).catch((e: unknown) => {
      // A race the locks above did not see (e.g. another path writing users): still a 409.
      const constraint = (e as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (constraint?.code === '23505' && constraint.constraint === 'uq_users_email_lower') throw AppException.conflict('AUTH_EMAIL_TAKEN', 'The e-mail address is already in use');
      if (constraint?.code === '23505' && constraint.constraint === 'uq_users_username_lower') throw AppException.conflict('AUTH_USERNAME_TAKEN', 'The username is taken');
      throw e;
    });
    if (user.role === 'user') this.events.emit(USER_REGISTERED, { userId: user.id } satisfies UserRegisteredEvent);
    return user;
  }

  async register(dto: RegisterDto, meta: RequestMeta): Promise<AuthResult> {
    if (dto.riskAck !== true) throw AppException.badRequest('RISK_ACK_REQUIRED', 'Please read and accept the risk disclosure');
    const user = await this.createUser({ username: dto.username, password: dto.password, email: dto.email ?? null, role: 'user', riskAck: true });
    if (user.email) await this.sendLink(user, 'verify_email').catch((e) => this.logger.warn(`verification mail failed: ${e}`));
    const tokens = await this.tokens.issue(user, meta);
    return { ...tokens, user: await this.entitlements.present(user) };
  }

  async login(dto: LoginDto, meta: RequestMeta): Promise<AuthResult> {
    const now = this.clock.now();
    const user = await this.users.findByLogin(dto.username);
    const log = (result: LoginLogDto['result']) =>
      this.store.insertLoginLog(this.dataSource.manager, { at: now, userId: user?.id ?? null, username: dto.username.slice(0, 254), ip: meta.ip, userAgent: meta.userAgent, result });

    // A name nobody has is throttled exactly like an account, so no answer tells them apart.
    const subject = user ? `user:${user.id}` : `name:${dto.username.toLowerCase().slice(0, 254)}`;
    const source = (meta.ip ?? 'unknown').slice(0, 64);
    const sourceSlot = await this.store.claimSlot(this.dataSource.manager, subject, source, now);
    const accountSlot = await this.store.claimSlot(this.dataSource.manager, subject, ACCOUNT_SOURCE, now);
    const release = () => Promise.all([this.store.releaseSlot(this.dataSource.manager, subject, source), this.store.releaseSlot(this.dataSource.manager, subject, ACCOUNT_SOURCE)]);
    const verdict = verdictFor(sourceSlot, accountSlot, now);
    if (verdict.kind === 'locked') {
      await release();
      await log('locked');
      throw new AppException('AUTH_LOCKED', 423, 'The account is locked', { lockedUntil: verdict.lockedUntil.toISOString() });
    }
    if (verdict.kind === 'captcha') {
      if (!dto.captchaId || !dto.captchaCode) {
        await release();
        await log('captcha_required');
        throw new AppException('AUTH_CAPTCHA_REQUIRED', 428, 'Please enter the captcha');
      }
      if (!(await this.captcha.consume(dto.captchaId, dto.captchaCode))) {
        await release();
        await log('captcha_invalid');
        throw AppException.badRequest('AUTH_CAPTCHA_INVALID', 'The captcha is wrong or expired');
      }
    }
    // Same cost for a name nobody has as for a real account.
    const passwordOk = user ? await verifyPassword(user.passwordHash, dto.password) : (await verifyPassword(await dummyPasswordHash(), dto.password), false);
    if (!user || !passwordOk) {
      // The slots claimed above already counted this failure.
      const until = new Date(now.getTime() + LOCK_MS);
      const sourceLocked = sourceSlot.n >= LOCK_AFTER_FAILURES;
      const accountLocked = accountSlot.n >= ACCOUNT_LOCK_AFTER_FAILURES;
      await this.store.slotFailed(this.dataSource.manager, subject, source, sourceLocked ? until : null);
      await this.store.slotFailed(this.dataSource.manager, subject, ACCOUNT_SOURCE, accountLocked ? until : null);
      if (sourceLocked || accountLocked) {
        await log('locked');
        throw new AppException('AUTH_LOCKED', 423, 'The account is locked', { lockedUntil: until.toISOString() });
      }
      await log('bad_credentials');
      throw new AppException('AUTH_INVALID_CREDENTIALS', 401, 'Wrong username or password', {
        captchaRequired: sourceSlot.n >= CAPTCHA_AFTER_FAILURES || accountSlot.n >= ACCOUNT_CAPTCHA_AFTER_FAILURES,
      });
    }
    if (user.status !== 'active') {
      await release();
      await log('disabled');
      throw new AppException('AUTH_ACCOUNT_DISABLED', 403, 'The account is disabled');
    }
    await this.store.slotSucceeded(this.dataSource.manager, subject, source, sourceSlot, now);
    await this.store.slotSucceeded(this.dataSource.manager, subject, ACCOUNT_SOURCE, accountSlot, now);
    await this.store.sweepThrottles(this.dataSource.manager, now);
    await log('success');
    const tokens = await this.tokens.issue(user, meta);
    return { ...tokens, user: await this.entitlements.present(user) };
  }

  /** An admin set a new password: the account's failure counters start again, old reset links die. */
  async clearLoginFailures(userId: string, manager?: EntityManager): Promise<void> {
    await this.store.clearThrottles(this.dataSource.manager, `user:${userId}`);
    await this.invalidateResetLinks(userId, manager);
  }

  /**
   * `POST /me/password`: the current password proves it is the owner; every other session ends
   * (the one whose refresh token comes along stays; its access token is refreshed as usual), the
   * forced change is done, and reset links mailed before die.
   */
  async changePassword(userId: string, dto: ChangePasswordDto): Promise<void> {
    const user = await this.users.getById(userId);
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      throw AppException.badRequest('AUTH_CURRENT_PASSWORD_WRONG', 'The current password is wrong');
    }
    this.assertPasswordPolicy(dto.newPassword);
    if (dto.newPassword === dto.currentPassword) {
      throw AppException.badRequest('AUTH_WEAK_PASSWORD', 'The new password must differ from the current one', { reason: 'same' });
    }
    const hash = await hashPassword(dto.newPassword);
    const keep = await this.tokens.familyOf(dto.refreshToken, userId);
    await this.dataSource.transaction(async (m) => {
      await this.users.setPasswordHashIn(m, userId, hash);
      await this.users.setMustChangePassword(userId, false, m);
      await this.tokens.revokeOthersForUser(userId, keep, m);
      await this.invalidateResetLinks(userId, m);
    });
    await this.store.clearThrottles(this.dataSource.manager, `user:${userId}`);
  }

  /** Unused password-reset links of the user stop working (a newer one was used, or the password changed). */
  async invalidateResetLinks(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await this.store.invalidateResetLinks(manager, userId, this.clock.now());
  }

  refresh(refreshToken: string, meta: RequestMeta): Promise<AuthTokens> {
    return this.tokens.rotate(refreshToken, (id, m) => this.users.findByIdIn(m, id), meta);
  }

  logout(refreshToken: string): Promise<void> {
    return this.tokens.revokeByToken(refreshToken);
  }

  async requestEmailVerification(userId: string): Promise<void> {
    const user = await this.users.getById(userId);
    if (!user.email) throw AppException.badRequest('AUTH_EMAIL_REQUIRED', 'Please add an e-mail address first');
    await this.sendLink(user, 'verify_email');
  }

  async verifyEmail(token: string): Promise<void> {
    await this.useLink(token, 'verify_email', async (link, m) => {
      const user = await this.users.findByIdIn(m, link.userId);
      // (users are never deleted; a link whose user were gone would simply be invalid)
      if (user?.email?.toLowerCase() !== link.email.toLowerCase()) throw AppException.badRequest('AUTH_LINK_INVALID', 'The link is not valid');
      await this.users.markEmailVerifiedIn(m, user.id, this.clock.now());
    });
  }

  /**
   * Always the same answer after the same work (one enqueue), so neither the body nor the timing
   * tells whether the address has an account; the mail goes out from the queue.
   */
  async forgotPassword(email: string): Promise<void> {
    await this.mailQueue.add(FORGOT_PASSWORD_JOB, { email } satisfies ForgotPasswordJob, { attempts: 2, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } });
  }

  /** The queued half of forgotPassword. */
  async sendPasswordReset(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (user && user.status === 'active') await this.sendLink(user, 'reset_password');
  }

  async resetPassword(token: string, password: string): Promise<void> {
    this.assertPasswordPolicy(password);
    const hash = await hashPassword(password);
    let userId: string | null = null;
    await this.useLink(token, 'reset_password', async (link, m) => {
      await this.users.setPasswordHashIn(m, link.userId, hash, { clearLockout: true });
      await this.tokens.revokeAllForUser(link.userId, m);
      await this.invalidateResetLinks(link.userId, m);
      await this.users.setMustChangePassword(link.userId, false, m);
      userId = link.userId;
    });
    if (userId) await this.store.clearThrottles(this.dataSource.manager, `user:${userId}`);
  }

  async listLoginLogs(q: ListLoginLogsQueryDto): Promise<Paged<LoginLogDto>> {
    const [rows, total] = await this.store.listLoginLogs(this.dataSource.manager, q);
    return paged(
      rows.map((r) => ({ id: r.id, at: r.at.toISOString(), userId: r.userId, username: r.username, ip: r.ip, userAgent: r.userAgent, result: r.result })),
      total,
      q,
    );
  }

  private async sendLink(user: User, purpose: AuthLinkPurpose) {
    if (!user.email) return;
    const id = randomUUID();
    const expiresAt = new Date(this.clock.now().getTime() + LINK_TTL_MS[purpose]);
    await this.store.insertLink(this.dataSource.manager, { id, userId: user.id, purpose, email: user.email, expiresAt, usedAt: null });
    const token = signLink({ id, p: purpose, exp: Math.floor(expiresAt.getTime() / 1000) }, this.config.jwtSecret);
    const path = purpose === 'verify_email' ? 'verify-email' : 'reset-password';
    const url = `${this.config.publicUrl}/${path}?token=${encodeURIComponent(token)}`;
    const subject = purpose === 'verify_email' ? '智策 Zhice：请验证您的邮箱 / Verify your e-mail' : '智策 Zhice：重置密码 / Reset your password';
    const hours = LINK_TTL_MS[purpose] / 3600_000;
    const text =
      purpose === 'verify_email'
        ? `${user.username}，您好：\n\n请在 ${hours} 小时内打开以下链接验证邮箱（仅可使用一次）：\n${url}\n\nOpen this link within ${hours} hours to verify your e-mail (single use).`
        : `${user.username}，您好：\n\n请在 ${hours} 小时内打开以下链接重置密码（仅可使用一次）：\n${url}\n\n如非本人操作请忽略。Open this link within ${hours} hour to reset your password; ignore it if you did not ask.`;
    await this.mail.send({ to: user.email, subject, text, html: `<p>${text.replace(/\n/g, '<br>').replace(url, `<a href="${url}">${url}</a>`)}</p>` });
  }

  private async useLink(token: string, purpose: AuthLinkPurpose, apply: (link: AuthLink, m: EntityManager) => Promise<void>) {
    const payload = readLink(token, this.config.jwtSecret);
    if (!payload || payload.p !== purpose) throw AppException.badRequest('AUTH_LINK_INVALID', 'The link is not valid');
    await this.dataSource.transaction(async (m) => {
      const link = await this.store.linkForUpdate(m, payload.id);
      if (!link || link.purpose !== purpose) throw AppException.badRequest('AUTH_LINK_INVALID', 'The link is not valid');
      if (link.usedAt) throw AppException.badRequest('AUTH_LINK_USED', 'The link was already used');
      if (link.expiresAt <= this.clock.now()) throw AppException.badRequest('AUTH_LINK_EXPIRED', 'The link has expired');
      await this.store.markLinkUsed(m, link.id, this.clock.now());
      await apply(link, m);
    });
  }
}
