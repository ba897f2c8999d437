import type { LoginLogDto } from '@zhice/shared';
import { listLoginLogs, type LoginResult } from '@/api/loginLogs';
import { usePagedTable } from '@/composables/usePagedTable';
import { shanghaiDayRange } from '@/utils/format';

export interface LoginLogFilters {
  username: string;
  result: LoginResult | '';
  /** [from, to] as `YYYY-MM-DD` Beijing dates, or null */
  range: [string, string] | null;
}

/** Login log page state: filters by username, result and Beijing date range; newest first. */
export function useLoginLogs() {
  return usePagedTable<LoginLogDto, LoginLogFilters>(
    ({ username, result, range, page, pageSize }) => {
      const dates = range ? shanghaiDayRange(range[0], range[1]) : undefined;
      return listLoginLogs({ username: username.trim(), result, from: dates?.from, to: dates?.to, page, pageSize });
    },
    { filters: () => ({ username: '', result: '', range: null }), pageSize: 20 },
  );
}
