import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { AgentDto, Paged, Role } from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser } from '../../common/auth.decorators.js';
import { OperationLogService } from '../audit/operation-log.service.js';
import { AGENT_MOVED, type AgentMovedEvent } from './agents.events.js';
import { AgentsStore, type ProfileRow } from './agents.store.js';
import type { ListAgentsQueryDto } from './dto/agents.dto.js';

export interface Principal {
  id: string;
  role: Role;
}

/** Deepest level below a top-level agent (path length stays well inside the column). */
export const MAX_AGENT_DEPTH = 20;

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/**
 * The agent hierarchy and the ONE scoping rule every agent route uses: an agent sees and acts on
 * itself and its descendants (materialised path), admins on everything, members on nothing.
 */
@Injectable()
export class AgentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: OperationLogService,
    private readonly events: EventEmitter2,
  ) {}

  /** The agent and all its descendants (empty when it is not an agent). */
  async subtreeIds(agentId: string, m: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (!isUuid(agentId)) return [];
    return AgentsStore.subtreeIds(m, agentId);
  }

  async isAgent(userId: string, m: EntityManager = this.dataSource.manager): Promise<boolean> {
    if (!isUuid(userId)) return false;
    return (await AgentsStore.profile(m, userId)) !== null;
  }

  /**
   * Admins: always. Agents: `agentId` must be themselves or a descendant, else 404 AGENT_NOT_FOUND
   * (someone else's agents do not exist for them). Members and others: 403 FORBIDDEN.
   */
  async assertInScope(principal: Principal, agentId: string, m: EntityManager = this.dataSource.manager): Promise<void> {
    if (principal.role === 'admin') return;
    if (principal.role !== 'agent') throw AppException.forbidden('FORBIDDEN', 'Only agents and admins may do this');
    if (!isUuid(agentId) || !(await AgentsStore.inSubtree(m, principal.id, agentId))) throw AppException.notFound('AGENT_NOT_FOUND', 'Agent not found');
  }

  /** Like assertInScope, but the target must be a strict descendant (an agent never decides its own matters). */
  async assertBelow(principal: Principal, agentId: string, m: EntityManager = this.dataSource.manager): Promise<void> {
    if (principal.role === 'agent' && principal.id === agentId) throw AppException.forbidden('FORBIDDEN', 'An agent cannot do this to its own account');
    await this.assertInScope(principal, agentId, m);
  }

  /** Whether `ancestorId` is a strict ancestor of `agentId`. */
  async isAncestor(ancestorId: string, agentId: string, m: EntityManager = this.dataSource.manager): Promise<boolean> {
    if (ancestorId === agentId || !isUuid(ancestorId) || !isUuid(agentId)) return false;
    return AgentsStore.inSubtree(m, ancestorId, agentId);
  }

  /** Id of an agent by username (case-insensitive), or null. */
  async agentIdByUsername(username: string, m: EntityManager = this.dataSource.manager): Promise<string | null> {
    return AgentsStore.idByUsername(m, username);
  }

  async get(agentId: string, m: EntityManager = this.dataSource.manager): Promise<AgentDto> {
    const a = isUuid(agentId) ? await AgentsStore.one(m, agentId) : null;
    if (!a) throw AppException.notFound('AGENT_NOT_FOUND', 'Agent not found');
    return a;
  }

  /**
   * Registers a just-created agent user under `parentId` (null = top level) inside the creating
   * transaction. The parent must be an agent; creations run in parallel, moves wait for them.
   */
  async registerIn(m: EntityManager, userId: string, parentId: string | null, createdBy: string | null): Promise<void> {
    await AgentsStore.lockHierarchyShared(m);
    let parent: ProfileRow | null = null;
    if (parentId) {
      parent = isUuid(parentId) ? await AgentsStore.profile(m, parentId) : null;
      if (!parent) throw AppException.badRequest('AGENT_PARENT_INVALID', 'The parent is not an agent', [{ field: 'parentId', errors: ['must be an existing agent'] }]);
      if (parent.depth + 1 > MAX_AGENT_DEPTH) throw AppException.badRequest('AGENT_TOO_DEEP', `At most ${MAX_AGENT_DEPTH} levels of sub-agents`);
    }
    await AgentsStore.insertProfile(m, {
      userId,
      parentId: parent?.userId ?? null,
      path: `${parent?.path ?? '/'}${userId}/`,
      depth: parent ? parent.depth + 1 : 0,
      createdBy,
    });
  }

  /** Admin: move an agent (and its subtree) under another agent or to the top level. Audited; no cycles. */
  async move(agentId: string, newParentId: string | null, operator: AuthUser, ip: string | null): Promise<AgentDto> {
    const event = await this.dataSource.transaction(async (m) => {
      await AgentsStore.lockHierarchy(m);
      const self = isUuid(agentId) ? await AgentsStore.profile(m, agentId) : null;
      if (!self) throw AppException.notFound('AGENT_NOT_FOUND', 'Agent not found');
      let parent: ProfileRow | null = null;
      if (newParentId) {
        parent = isUuid(newParentId) ? await AgentsStore.profile(m, newParentId) : null;
        if (!parent) throw AppException.badRequest('AGENT_PARENT_INVALID', 'The new parent is not an agent', [{ field: 'parentId', errors: ['must be an existing agent'] }]);
        if (parent.path.startsWith(self.path)) throw AppException.conflict('AGENT_MOVE_CYCLE', 'An agent cannot be moved under itself or its own sub-agents');
      }
      if ((parent?.userId ?? null) === self.parentId) return null; // nothing to do
      const newPath = `${parent?.path ?? '/'}${self.userId}/`;
      const newDepth = parent ? parent.depth + 1 : 0;
      const deepest = await AgentsStore.maxDepthBelow(m, self.path);
      if (deepest - self.depth + newDepth > MAX_AGENT_DEPTH) throw AppException.badRequest('AGENT_TOO_DEEP', `At most ${MAX_AGENT_DEPTH} levels of sub-agents`);
      const moved = await AgentsStore.moveSubtree(m, self.userId, self.path, newPath, newDepth - self.depth, parent?.userId ?? null);
      await this.audit.record(
        { operator, action: 'agent.move', targetType: 'user', targetId: self.userId, before: { parentId: self.parentId }, after: { parentId: parent?.userId ?? null, movedAgents: moved }, ip },
        m,
      );
      return { agentId: self.userId, fromParentId: self.parentId, toParentId: parent?.userId ?? null } satisfies AgentMovedEvent;
    });
    if (event) this.events.emit(AGENT_MOVED, event);
    return this.get(agentId);
  }

  /** Paged agents in the principal's scope: admins all (or a subtree), agents their descendants (not themselves). */
  async list(principal: Principal, q: ListAgentsQueryDto): Promise<Paged<AgentDto>> {
    const m = this.dataSource.manager;
    let rootPath: string | null = null;
    let excludeId: string | null = null;
    if (principal.role === 'agent') {
      const me = await AgentsStore.profile(m, principal.id);
      if (!me) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      rootPath = me.path;
      excludeId = principal.id;
    } else if (principal.role !== 'admin') throw AppException.forbidden('FORBIDDEN', 'Only agents and admins may do this');
    if (q.rootId) {
      await this.assertInScope(principal, q.rootId);
      const root = await AgentsStore.profile(m, q.rootId);
      if (!root) throw AppException.notFound('AGENT_NOT_FOUND', 'Agent not found');
      rootPath = root.path;
    }
    const { items, total } = await AgentsStore.list(m, { rootPath, excludeId, search: q.q ?? null, status: q.status ?? null, sort: q.sort, page: q.page, pageSize: q.pageSize });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }
}
