/**
 * The agent list's sortable columns (`sort=username|createdAt|depth|status[:asc|desc]`, checked by
 * `ListAgentsQueryDto`); without `sort` the tree order (materialised path); ties by the agent id
 * ascending whichever the direction.
 */
export const AGENT_SORTS = { username: 'u.username', createdAt: 'p.created_at', depth: 'p.depth', status: 'u.status' } as const;

export const AGENT_DEFAULT_SORT = { column: 'p.path', dir: 'ASC' } as const;
