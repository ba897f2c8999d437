import { ref } from 'vue';
import type { StatementDto } from '@zhice/shared';
import { downloadStatement, getStatement } from '@/api/ledger';
import { toApiError } from '@/api/errors';
import { useAsync } from '@/composables/useAsync';
import { shanghaiDayRange } from '@/utils/format';
import { showError } from '@/utils/notify';
import { saveBlob } from '@/utils/csv';

/** A statement for a Beijing date range (default: the last 30 days), paged; XLSX export of the same period. */
export function useStatement() {
  const range = ref<[string, string] | null>(null);
  const page = ref(1);
  const pageSize = ref(50);
  const period = () => (range.value ? shanghaiDayRange(range.value[0], range.value[1]) : {});
  const statement = useAsync((): Promise<StatementDto> => getStatement({ ...period(), page: page.value, pageSize: pageSize.value }));
  const exporting = ref(false);
  async function exportXlsx(): Promise<void> {
    exporting.value = true;
    try {
      saveBlob(await downloadStatement(period()), 'statement.xlsx');
    } catch (e) {
      showError(toApiError(e));
    } finally {
      exporting.value = false;
    }
  }
  async function search(): Promise<void> {
    page.value = 1;
    await statement.run();
  }
  return { range, page, pageSize, statement, exporting, exportXlsx, search };
}
