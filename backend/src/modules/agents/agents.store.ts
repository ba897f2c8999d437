import type { EntityManager } from 'typeorm';
import type { AgentDto } from '@zhice/shared';
import { likeContains, SqlParams, sqlWhere } from '../../common/list-query.js';
import { parseSort } from '../../common/pagination.js';
import { lockKey, returnedRows } from '../../common/sql.js';
import { AGENT_DEFAULT_SORT, AGENT_SORTS } from './domain/list-sorts.js';

export interface ProfileRow {
  userId: string;
  parentId: string | null;
  path: string;
  depth: number;
}

/** Advisory lock key serialising hierarchy changes (moves exclusive, creations shared). */
const HIERARCHY_LOCK = 'agents.hierarchy';

const AGENT_COLUMNS = `
  u.id, u.username, u.email, u.status, p.parent_id AS "parentId", pu.username AS "parentUsername", p.depth,
  (SELECT count(*)::int FROM agent_profiles c WHERE c.parent_id = p.user_id) AS "childCount", p.created_at AS "createdAt"`;

/**
 * All SQL of the agents module. Reads of `users` here are a read-only join (usernames and status of
 * agents for lists), allowed for this module.
 */
export const AgentsStore = {
  async lockHierarchyShared(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock_shared($1::bigint)', [lockKey(HIERARCHY_LOCK)]);
  },
  async lockHierarchy(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(HIERARCHY_LOCK)]);
  },

  async profile(m: EntityManager, userId: string): Promise<ProfileRow | null> {
    const rows: ProfileRow[] = await m.query(
      'SELECT user_id AS "userId", parent_id AS "parentId", path, depth FROM agent_profiles WHERE user_id = $1',
      [userId],
    );
    return rows[0] ?? null;
  },

  async insertProfile(m: EntityManager, row: ProfileRow & { createdBy: string | null }): Promise<void> {
    await m.query('INSERT INTO agent_profiles (user_id, parent_id, path, depth, created_by) VALUES ($1, $2, $3, $4, $5)', [
      row.userId,
      row.parentId,
      row.path,
      row.depth,
      row.createdBy,
    ]);
  },

  /** The agent and all its descendants. */
  async subtreeIds(m: EntityManager, agentId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await m.query(
      `SELECT d.user_id AS id FROM agent_profiles a JOIN agent_profiles d ON d.path LIKE a.path || '%' WHERE a.user_id = $1`,
      [agentId],
    );
    return rows.map((r) => r.id);
  },

  /** Whether `agentId` is `rootId` or one of its descendants. */
  async inSubtree(m: EntityManager, rootId: string, agentId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM agent_profiles a JOIN agent_profiles r ON r.user_id = $1 WHERE a.user_id = $2 AND a.path LIKE r.path || '%'`,
      [rootId, agentId],
    );
    return rows.length > 0;
  },

  /** Moves a subtree: rewrites the path prefix and depth of the agent and its descendants. */
  async moveSubtree(m: EntityManager, agentId: string, oldPath: string, newPath: string, depthDelta: number, newParentId: string | null): Promise<number> {
    const rows = returnedRows<{ user_id: string }>(
      await m.query(
        `UPDATE agent_profiles SET path = $2 || substr(path, length($1) + 1), depth = depth + $3
          WHERE path LIKE $1 || '%' RETURNING user_id`,
        [oldPath, newPath, depthDelta],
      ),
    );
    await m.query('UPDATE agent_profiles SET parent_id = $2 WHERE user_id = $1', [agentId, newParentId]);
    return rows.length;
  },

  async maxDepthBelow(m: EntityManager, path: string): Promise<number> {
    const rows: Array<{ d: number | null }> = await m.query(`SELECT max(depth)::int AS d FROM agent_profiles WHERE path LIKE $1 || '%'`, [path]);
    return rows[0]?.d ?? 0;
  },

  /** Paged agents; `rootPath` null = all agents, else the subtree under that path (optionally without the root itself); `sort` from AGENT_SORTS. */
  async list(
    m: EntityManager,
    q: { rootPath: string | null; excludeId?: string | null; search?: string | null; status?: string | null; sort?: string; page: number; pageSize: number },
  ): Promise<{ items: AgentDto[]; total: number }> {
    const p = new SqlParams();
    const where = sqlWhere([
      q.rootPath && `p.path LIKE ${p.add(q.rootPath)} || '%'`,
      q.excludeId && `p.user_id <> ${p.add(q.excludeId, 'uuid')}`,
      q.search && `u.username ILIKE ${p.add(likeContains(q.search))}`,
      q.status && `u.status = ${p.add(q.status)}`,
    ]);
    const from = `FROM agent_profiles p JOIN users u ON u.id = p.user_id LEFT JOIN users pu ON pu.id = p.parent_id ${where}`;
    const total = ((await m.query(`SELECT count(*)::int AS total ${from}`, p.values)) as Array<{ total: number }>)[0]?.total ?? 0;
    const sort = parseSort(q.sort, AGENT_SORTS, AGENT_DEFAULT_SORT);
    const items: Array<AgentDto & { createdAt: Date | string }> = await m.query(
      `SELECT ${AGENT_COLUMNS} ${from} ORDER BY ${sort.column} ${sort.dir}, p.user_id ${p.page(q)}`,
      p.values,
    );
    return { items: items.map(toAgentDto), total };
  },

  async one(m: EntityManager, agentId: string): Promise<AgentDto | null> {
    const rows: AgentDto[] = await m.query(
      `SELECT ${AGENT_COLUMNS} FROM agent_profiles p JOIN users u ON u.id = p.user_id LEFT JOIN users pu ON pu.id = p.parent_id WHERE p.user_id = $1`,
      [agentId],
    );
    return rows[0] ? toAgentDto(rows[0]) : null;
  },

  /** Agents by username (case-insensitive): for transfers by name. */
  async idByUsername(m: EntityManager, username: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await m.query(
      `SELECT p.user_id AS id FROM agent_profiles p JOIN users u ON u.id = p.user_id WHERE lower(u.username) = lower($1)`,
      [username],
    );
    return rows[0]?.id ?? null;
  },

  /** Ancestors of an agent, nearest first (ids only). */
  ancestorsFromPath(path: string, selfId: string): string[] {
    return path.split('/').filter((s) => s && s !== selfId).reverse();
  },
};

function toAgentDto(r: AgentDto & { createdAt: Date | string }): AgentDto {
  return { ...r, depth: Number(r.depth), childCount: Number(r.childCount), createdAt: new Date(r.createdAt).toISOString() };
}
