/**
 * The admin user list's sortable columns (`sort=createdAt|username|email[:asc|desc]`, checked by
 * `ListUsersQueryDto`); default newest first; ties by id ascending whichever the direction, and
 * nulls (e-mail) where PostgreSQL puts them by default (last ascending, first descending).
 */
export const USER_SORT_COLUMNS = { createdAt: 'u.created_at', username: 'u.username', email: 'u.email' } as const;

export const USER_DEFAULT_SORT = { column: USER_SORT_COLUMNS.createdAt, dir: 'DESC' } as const;

export const USER_SORT_TIE_BREAKER = 'u.id ASC';
