import type { Role, UserDto } from '@zhice/shared';
import { listUsers, type UserSort, type UserStatus } from '@/api/users';
import { usePagedTable } from '@/composables/usePagedTable';

export interface UserFilters {
  q: string;
  role: Role | '';
  vipLevel: number | '';
  status: UserStatus | '';
}

export const DEFAULT_USER_SORT: UserSort = 'createdAt:desc';

/** Users page state: server-side search, filters, sort and paging. */
export function useUsers() {
  const table = usePagedTable<UserDto, UserFilters>(
    (params) =>
      listUsers({
        ...params,
        q: params.q.trim(),
        sort: (params.sort as UserSort | undefined) ?? DEFAULT_USER_SORT,
      }),
    {
      filters: () => ({ q: '', role: '', vipLevel: '', status: '' }),
      sort: DEFAULT_USER_SORT,
      pageSize: 20,
      numericFilters: ['vipLevel'],
    },
  );

  /** Shows a user as an action returned it, without reloading the page. */
  function replaceRow(user: UserDto): void {
    table.items.value = table.items.value.map((u) => (u.id === user.id ? user : u));
  }

  return { ...table, replaceRow };
}
