import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Paged, UserDto } from '@zhice/shared';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser, RequestMeta } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { UUID } from '../../common/ids.js';
import { paged } from '../../common/pagination.js';
import { pagesOf, sendXlsx, type XlsxColumn } from '../../common/xlsx-export.js';
import { OperationLogService } from '../audit/operation-log.service.js';
import { AuthService } from '../auth/auth.service.js';
import { hashPassword } from '../auth/password-policy.js';
import { TokenService } from '../auth/token.service.js';
import type { User } from '../users/entities/user.entity.js';
import type { ListUsersQueryDto } from '../users/dto/list-users.query.js';
import { UsersService } from '../users/users.service.js';
import type { GrantVipDto } from '../vip/dto/vip.dto.js';
import { AgentsService } from '../agents/agents.service.js';
import { VipService } from '../vip/vip.service.js';
import { VipEntitlements } from '../vip/vip-entitlements.service.js';
import type { CreateSubAgentDto, CreateUserDto, UpdateUserDto } from './user-admin.dto.js';


/** Admin actions on accounts. Each one is written to the operation log in the same transaction. */
/** The user export's columns, as the admin list shows them. */
export const USER_EXPORT_COLUMNS: XlsxColumn<UserDto>[] = [
  { header: '用户ID', value: (u) => u.id },
  { header: '用户名', value: (u) => u.username },
  { header: '邮箱', value: (u) => u.email },
  { header: '角色', value: (u) => u.role },
  { header: '状态', value: (u) => u.status },
  { header: 'VIP等级', value: (u) => u.vipLevel },
  { header: 'VIP到期', value: (u) => (u.vipExpiresAt ? new Date(u.vipExpiresAt) : null) },
  { header: '股票配额', value: (u) => u.stockQuota },
  { header: '注册时间', value: (u) => new Date(u.createdAt) },
];

@Injectable()
export class UserAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly tokens: TokenService,
    private readonly audit: OperationLogService,
    private readonly vip: VipService,
    private readonly entitlements: VipEntitlements,
    private readonly agents: AgentsService,
  ) {}

  private async load(id: string): Promise<User> {
    if (!UUID.test(id)) throw AppException.notFound('USER_NOT_FOUND', 'User not found');
    return this.users.getById(id);
  }

  async create(dto: CreateUserDto, operator: AuthUser, meta: RequestMeta): Promise<UserDto> {
    if (dto.parentId !== undefined && dto.role !== 'agent') {
      throw AppException.badRequest('VALIDATION_FAILED', 'parentId is only for agents', [{ field: 'parentId', errors: ['only with role agent'] }]);
    }
    const user = await this.dataSource.transaction(async (m) => {
      // The admin chose the password: the owner changes it at first sign-in (seed 001 §1.4).
      const u = await this.auth.createUser({ username: dto.username, password: dto.password, email: dto.email ?? null, role: dto.role, mustChangePassword: true }, m);
      // Agents join the hierarchy in the same transaction (top level, or under `parentId`).
      if (u.role === 'agent') await this.agents.registerIn(m, u.id, dto.parentId ?? null, operator.id);
      await this.audit.record(
        { operator, action: 'user.create', targetType: 'user', targetId: u.id, after: { username: u.username, email: u.email, role: u.role, parentId: dto.parentId ?? null, password: dto.password }, ip: meta.ip },
        m,
      );
      return u;
    });
    return this.entitlements.present(user);
  }

  /**
   * The admin user list (search, filters, sort, paging): the users module reads its table; filtering
   * by VIP level uses the effective level at the Clock's instant, the one the answer shows.
   */
  async list(q: ListUsersQueryDto): Promise<Paged<UserDto>> {
    const level = q.vipLevel === undefined ? undefined : this.entitlements.levelFilter(q.vipLevel);
    const { rows, total } = await this.users.listPage(q, level);
    return paged(await this.entitlements.presentMany(rows), total, q);
  }

  /** The same list, every page, as an XLSX download (filters and sort as on screen). */
  export(q: ListUsersQueryDto, res: Response): Promise<void> {
    return sendXlsx(res, {
      name: 'users',
      sheet: '用户',
      columns: USER_EXPORT_COLUMNS,
      batches: pagesOf((page, pageSize) => this.list({ ...q, page, pageSize })),
      now: this.clock.now(),
    });
  }

  /** An agent creates a sub-agent: the same user-creation path, the caller as parent. */
  async createSubAgent(dto: CreateSubAgentDto, operator: AuthUser, meta: RequestMeta): Promise<UserDto> {
    if (operator.role !== 'agent') throw AppException.forbidden('FORBIDDEN', 'Only agents create sub-agents here; admins use POST /admin/users');
    return this.create({ username: dto.username, password: dto.password, email: dto.email, role: 'agent', parentId: operator.id }, operator, meta);
  }

  /** An agent (or admin) disables or enables an agent strictly below it. */
  async setSubAgentStatus(id: string, status: 'active' | 'disabled', operator: AuthUser, meta: RequestMeta): Promise<UserDto> {
    await this.agents.assertBelow(operator, id);
    if (!(await this.agents.isAgent(id))) throw AppException.notFound('AGENT_NOT_FOUND', 'Agent not found');
    return this.setStatus(id, status, operator, meta);
  }

  async detail(id: string) {
    const user = await this.load(id);
    return { user: await this.entitlements.present(user), subscription: await this.vip.subscriptionOf(user.id) };
  }

  async update(id: string, dto: UpdateUserDto, operator: AuthUser, meta: RequestMeta): Promise<UserDto> {
    const user = await this.dataSource.transaction(async (m) => {
      const u = await this.users.findForUpdateIn(m, (await this.load(id)).id);
      if (!u) throw AppException.notFound('USER_NOT_FOUND', 'User not found');
      const before = { email: u.email };
      if (dto.email !== undefined && dto.email?.toLowerCase() !== u.email?.toLowerCase()) {
        if (dto.email) {
          if (await this.users.emailTakenByOtherIn(m, dto.email, u.id)) throw AppException.conflict('AUTH_EMAIL_TAKEN', 'The e-mail address is already in use');
        }
        u.email = dto.email;
        u.emailVerifiedAt = null; // a new address must be verified again
      }
      const saved = await this.users.saveIn(m, u);
      await this.audit.record({ operator, action: 'user.update', targetType: 'user', targetId: u.id, before, after: { email: saved.email }, ip: meta.ip }, m);
      return saved;
    });
    return this.entitlements.present(user);
  }

  async setStatus(id: string, status: 'active' | 'disabled', operator: AuthUser, meta: RequestMeta): Promise<UserDto> {
    const target = await this.load(id);
    if (target.id === operator.id && status === 'disabled') throw AppException.badRequest('VALIDATION_FAILED', 'You cannot disable your own account', [{ field: 'status', errors: ['you cannot disable your own account'] }]);
    const user = await this.dataSource.transaction(async (m) => {
      const u = await this.users.findForUpdateIn(m, target.id);
      if (!u) throw AppException.notFound('USER_NOT_FOUND', 'User not found');
      const before = { status: u.status };
      u.status = status;
      const saved = await this.users.saveIn(m, u);
      // Disabling ends every session now: refresh tokens die here, access tokens at the guard.
      if (status === 'disabled') await this.tokens.revokeAllForUser(u.id, m);
      await this.audit.record({ operator, action: status === 'disabled' ? 'user.disable' : 'user.enable', targetType: 'user', targetId: u.id, before, after: { status }, ip: meta.ip }, m);
      return saved;
    });
    return this.entitlements.present(user);
  }

  async resetPassword(id: string, password: string | undefined, operator: AuthUser, meta: RequestMeta): Promise<{ password: string | null }> {
    const target = await this.load(id);
    const generated = password === undefined;
    const next = password ?? `Zc-${randomBytes(9).toString('base64url')}`;
    this.auth.assertPasswordPolicy(next);
    const hash = await hashPassword(next);
    await this.dataSource.transaction(async (m) => {
      await this.users.setPasswordHashIn(m, target.id, hash, { clearLockout: true });
      await this.auth.clearLoginFailures(target.id, m);
      await this.tokens.revokeAllForUser(target.id, m);
      await this.audit.record({ operator, action: 'user.password_reset', targetType: 'user', targetId: target.id, after: { password: next, generated }, ip: meta.ip }, m);
    });
    return { password: generated ? next : null };
  }

  async grantVip(id: string, dto: GrantVipDto, operator: AuthUser, meta: RequestMeta) {
    const target = await this.load(id);
    const { grant } = await this.vip.grant({ userId: target.id, level: dto.level, months: dto.months, source: 'admin', reference: dto.idempotencyKey ?? null, reason: dto.reason, operator, ip: meta.ip });
    return { user: await this.entitlements.present(await this.users.getById(target.id)), grant };
  }
}
