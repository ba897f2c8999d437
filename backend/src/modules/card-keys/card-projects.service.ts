import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AgentCardProject, CardProject, CardProjectApplication, CardProjectAuthorization, CardProjectCreated, Paged } from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { paged } from '../../common/pagination.js';
import { SecretBox } from '../../common/secret-box.js';
import { isUniqueViolation } from '../../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { AgentsService } from '../agents/agents.service.js';
import { OperationLogService } from '../audit/operation-log.service.js';
import { CardKeysStore, type ProjectRow } from './card-keys.store.js';
import type { AuthorizeAgentDto, CreateProjectDto, DecideApplicationDto, ListApplicationsQueryDto, ListProjectsQueryDto, UpdateProjectDto } from './dto/card-keys.dto.js';

/**
 * Outside software projects (seed 001 §2): created by an admin with an API key and a secret shown
 * once (sealed at rest, because the verify API needs it to check signatures), authorisations of
 * agents (optional expiry, read-time check), applications decided by the applicant's parent agent
 * (which must hold the project itself) or an admin.
 */
@Injectable()
export class CardProjectsService {
  private readonly box: SecretBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CardKeysStore,
    private readonly agents: AgentsService,
    private readonly audit: OperationLogService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = new SecretBox(config.dataSecretKey, 'card-projects');
  }

  secretOf(p: ProjectRow): string {
    return this.box.open(p.secretSealed, `card_project:${p.id}`);
  }

  async create(dto: CreateProjectDto, operator: AuthUser, ip: string | null): Promise<CardProjectCreated> {
    const apiKey = `pk_${randomBytes(12).toString('hex')}`;
    const apiSecret = `sk_${randomBytes(32).toString('base64url')}`;
    try {
      return await this.dataSource.transaction(async (m) => {
        const p = await this.store.insertProject(m, {
          name: dto.name.trim(),
          description: dto.description ?? '',
          version: dto.version ?? '',
          callbackUrl: dto.callbackUrl ?? null,
          apiKey,
          secretSealed: 'pending',
          retailFenPer30d: BigInt(dto.retailFenPer30d ?? 1000),
        });
        await this.store.setProjectCredentials(m, p.id, apiKey, this.box.seal(apiSecret, `card_project:${p.id}`));
        await this.audit.record({ operator, action: 'card_project.create', targetType: 'card_project', targetId: p.id, after: { name: p.name, apiKey, callbackUrl: p.callbackUrl }, ip }, m);
        return { id: p.id, name: p.name, apiKey, apiSecret };
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw AppException.conflict('CARD_PROJECT_NAME_TAKEN', 'A project with this name exists');
      throw e;
    }
  }

  async rotate(id: string, operator: AuthUser, ip: string | null): Promise<CardProjectCreated> {
    return this.dataSource.transaction(async (m) => {
      const p = await this.store.project(m, id, { lock: true });
      if (!p) throw AppException.notFound('CARD_PROJECT_NOT_FOUND', 'Project not found');
      const apiKey = `pk_${randomBytes(12).toString('hex')}`;
      const apiSecret = `sk_${randomBytes(32).toString('base64url')}`;
      await this.store.setProjectCredentials(m, id, apiKey, this.box.seal(apiSecret, `card_project:${id}`));
      await this.audit.record({ operator, action: 'card_project.rotate', targetType: 'card_project', targetId: id, before: { apiKey: p.apiKey }, after: { apiKey }, ip }, m);
      return { id, name: p.name, apiKey, apiSecret };
    });
  }

  async update(id: string, dto: UpdateProjectDto, operator: AuthUser, ip: string | null): Promise<CardProject> {
    try {
      await this.dataSource.transaction(async (m) => {
        const p = await this.store.project(m, id, { lock: true });
        if (!p) throw AppException.notFound('CARD_PROJECT_NOT_FOUND', 'Project not found');
        await this.store.updateProject(m, id, {
          name: dto.name?.trim(),
          description: dto.description,
          version: dto.version,
          callbackUrl: dto.callbackUrl,
          enabled: dto.enabled,
          retailFenPer30d: dto.retailFenPer30d === undefined ? undefined : BigInt(dto.retailFenPer30d),
          rateLimitPerMinute: dto.rateLimitPerMinute,
        });
        // lifting a rate-limit ban by hand: enabling clears it
        if (dto.enabled === true) await this.store.banProject(m, id, new Date(0));
        await this.audit.record({ operator, action: 'card_project.update', targetType: 'card_project', targetId: id, before: presentProject({ ...p, authorizedAgents: 0, keyCount: 0, pendingApplications: 0 }), after: { ...dto }, ip }, m);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw AppException.conflict('CARD_PROJECT_NAME_TAKEN', 'A project with this name exists');
      throw e;
    }
    return this.get(id);
  }

  async get(id: string): Promise<CardProject> {
    const { rows } = await this.store.listProjects(this.dataSource.manager, { id }, { page: 1, pageSize: 1 }, undefined);
    const p = rows[0];
    if (!p) throw AppException.notFound('CARD_PROJECT_NOT_FOUND', 'Project not found');
    return presentProject(p);
  }

  async list(q: ListProjectsQueryDto): Promise<Paged<CardProject>> {
    const { rows, total } = await this.store.listProjects(this.dataSource.manager, {}, q, q.sort);
    return paged(rows.map(presentProject), total, q);
  }

  // ---------- authorisations ----------
  async authorize(projectId: string, dto: AuthorizeAgentDto, operator: AuthUser, ip: string | null): Promise<CardProjectAuthorization> {
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    return this.dataSource.transaction(async (m) => this.authorizeIn(m, projectId, dto.agentId, expiresAt, operator, ip, 'admin'));
  }

  private async authorizeIn(m: EntityManager, projectId: string, agentId: string, expiresAt: Date | null, operator: AuthUser, ip: string | null, via: string): Promise<CardProjectAuthorization> {
    const p = await this.store.project(m, projectId);
    if (!p) throw AppException.notFound('CARD_PROJECT_NOT_FOUND', 'Project not found');
    if (!(await this.agents.isAgent(agentId))) throw AppException.notFound('USER_NOT_FOUND', 'Agent not found');
    if (expiresAt && expiresAt <= this.clock.now()) throw AppException.badRequest('VALIDATION_FAILED', 'expiresAt must be in the future', [{ field: 'expiresAt', errors: ['must be in the future'] }]);
    const a = await this.store.upsertAuthorization(m, projectId, agentId, expiresAt, operator.id);
    await this.audit.record({ operator, action: 'card_project.authorize', targetType: 'card_project', targetId: projectId, after: { agentId, expiresAt: expiresAt?.toISOString() ?? null, via }, ip }, m);
    return { id: a.id, projectId, agentId, agentName: null, expiresAt: expiresAt?.toISOString() ?? null, revokedAt: null, active: true, createdAt: a.createdAt.toISOString() };
  }

  async revoke(projectId: string, agentId: string, operator: AuthUser, ip: string | null): Promise<{ revoked: boolean }> {
    return this.dataSource.transaction(async (m) => {
      const revoked = await this.store.revokeAuthorization(m, projectId, agentId, this.clock.now());
      if (!revoked) throw AppException.notFound('CARD_PROJECT_NOT_AUTHORIZED', 'No active authorisation');
      await this.audit.record({ operator, action: 'card_project.revoke', targetType: 'card_project', targetId: projectId, after: { agentId }, ip }, m);
      return { revoked };
    });
  }

  async authorizations(projectId: string): Promise<CardProjectAuthorization[]> {
    const now = this.clock.now();
    const rows = await this.store.authorizations(this.dataSource.manager, projectId);
    return rows.map((a) => ({
      id: a.id,
      projectId,
      agentId: a.agentId,
      agentName: a.agentName,
      expiresAt: a.expiresAt?.toISOString() ?? null,
      revokedAt: a.revokedAt?.toISOString() ?? null,
      active: !a.revokedAt && (!a.expiresAt || a.expiresAt > now),
      createdAt: a.createdAt.toISOString(),
    }));
  }

  // ---------- agents' side ----------
  async forAgent(agent: AuthUser): Promise<AgentCardProject[]> {
    const now = this.clock.now();
    const rows = await this.store.projectsForAgent(this.dataSource.manager, agent.id, now);
    return rows.map((r) => ({ ...r, authorizedUntil: r.authorizedUntil?.toISOString() ?? null, applicationStatus: r.applicationStatus as AgentCardProject['applicationStatus'] }));
  }

  async apply(agent: AuthUser, projectId: string, reason: string, ip: string | null): Promise<CardProjectApplication> {
    if (agent.role !== 'agent') throw AppException.forbidden('FORBIDDEN', 'Only agents apply for projects');
    try {
      const id = await this.dataSource.transaction(async (m) => {
        const p = await this.store.project(m, projectId);
        if (!p || !p.enabled) throw AppException.notFound('CARD_PROJECT_NOT_FOUND', 'Project not found');
        const a = await this.store.insertApplication(m, projectId, agent.id, reason);
        await this.audit.record({ operator: agent, action: 'card_project.apply', targetType: 'card_project', targetId: projectId, after: { applicationId: a.id, reason }, ip }, m);
        return a.id;
      });
      return this.application(id);
    } catch (e) {
      if (isUniqueViolation(e)) throw AppException.conflict('CARD_APPLICATION_PENDING', 'An application is already pending');
      throw e;
    }
  }

  private async application(id: string): Promise<CardProjectApplication> {
    const { rows } = await this.store.listApplications(this.dataSource.manager, { agentIds: null }, { page: 1, pageSize: 100_000 });
    const r = rows.find((x) => x.id === id)!;
    return presentApplication(r);
  }

  /** Admin: all; agent: its own and its sub-agents' applications. */
  async applications(principal: AuthUser, q: ListApplicationsQueryDto): Promise<Paged<CardProjectApplication>> {
    const agentIds = principal.role === 'admin' ? null : await this.agents.subtreeIds(principal.id);
    const { rows, total } = await this.store.listApplications(this.dataSource.manager, { agentIds, status: q.status, projectId: q.projectId }, q);
    return paged(rows.map(presentApplication), total, q);
  }

  async decide(principal: AuthUser, id: string, approve: boolean, dto: DecideApplicationDto, ip: string | null): Promise<CardProjectApplication> {
    await this.dataSource.transaction(async (m) => {
      const app = await this.store.application(m, id, { lock: true });
      if (!app) throw AppException.notFound('CARD_APPLICATION_NOT_FOUND', 'Application not found');
      if (principal.role !== 'admin') {
        const subtree = await this.agents.subtreeIds(principal.id);
        if (app.agentId === principal.id || !subtree.includes(app.agentId)) throw AppException.notFound('CARD_APPLICATION_NOT_FOUND', 'Application not found');
        if (approve && !(await this.store.activeAuthorization(m, app.projectId, principal.id, this.clock.now()))) {
          throw AppException.forbidden('CARD_PROJECT_NOT_AUTHORIZED', 'You can only pass on a project you are authorised for');
        }
      }
      if (app.status !== 'pending') throw AppException.conflict('CARD_APPLICATION_DECIDED', 'The application was already decided');
      await this.store.decideApplication(m, id, approve ? 'approved' : 'refused', principal.id, this.clock.now(), dto.note ?? null);
      if (approve) await this.authorizeIn(m, app.projectId, app.agentId, dto.expiresAt ? new Date(dto.expiresAt) : null, principal, ip, `application:${id}`);
      await this.audit.record({ operator: principal, action: approve ? 'card_project.application_approve' : 'card_project.application_refuse', targetType: 'card_project', targetId: app.projectId, after: { applicationId: id, agentId: app.agentId, note: dto.note ?? null }, ip }, m);
    });
    return this.application(id);
  }
}

export function presentProject(p: ProjectRow & { authorizedAgents: number; keyCount: number; pendingApplications: number }): CardProject {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    version: p.version,
    callbackUrl: p.callbackUrl,
    apiKey: p.apiKey,
    enabled: p.enabled,
    retailFenPer30d: Number(p.retailFenPer30d),
    rateLimitPerMinute: p.rateLimitPerMinute,
    bannedUntil: p.bannedUntil && p.bannedUntil.getTime() > 0 ? p.bannedUntil.toISOString() : null,
    authorizedAgents: p.authorizedAgents,
    keyCount: p.keyCount,
    pendingApplications: p.pendingApplications,
    createdAt: p.createdAt.toISOString(),
  };
}

function presentApplication(r: {
  id: string;
  projectId: string;
  projectName: string;
  agentId: string;
  agentName: string | null;
  reason: string;
  status: string;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  createdAt: Date;
}): CardProjectApplication {
  return { ...r, status: r.status as CardProjectApplication['status'], decidedAt: r.decidedAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() };
}

