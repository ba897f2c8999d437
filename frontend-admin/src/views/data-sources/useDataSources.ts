import { reactive, ref, shallowRef } from 'vue';
import type { DataSourceEntryDto, UpdateDataSourceRequest } from '@zhice/shared';
import {
  checkDataSource,
  listDataSources,
  reorderDataSources,
  resetDataSourceBreakers,
  updateDataSource,
} from '@/api/data-sources';
import { ApiError, toApiError } from '@/api/errors';
import { showError } from '@/utils/notify';

/** The order after moving `name` one place up (-1) or down (+1); unchanged at the ends. Pure. */
export function moveInOrder(names: readonly string[], name: string, delta: -1 | 1): string[] {
  const order = [...names];
  const from = order.indexOf(name);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= order.length) return order;
  [order[from], order[to]] = [order[to]!, order[from]!];
  return order;
}

/** Data-source cards: load, check now, enable switch, priority moves, connection settings. */
export function useDataSources() {
  const sources = shallowRef<DataSourceEntryDto[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<ApiError | null>(null);
  /** Per-source action in flight (`check`, `toggle`, `move`, `save`, `reset`). */
  const busy = reactive<Record<string, string | undefined>>({});

  function replace(entry: DataSourceEntryDto): void {
    sources.value = sources.value.map((s) => (s.name === entry.name ? entry : s));
  }

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      sources.value = await listDataSources();
    } catch (e) {
      error.value = toApiError(e);
      showError(e);
    } finally {
      loading.value = false;
      loaded.value = true;
    }
  }

  async function act<T>(name: string, what: string, task: () => Promise<T>): Promise<T | null> {
    busy[name] = what;
    try {
      return await task();
    } catch (e) {
      showError(e);
      return null;
    } finally {
      busy[name] = undefined;
    }
  }

  const check = async (name: string) => {
    const entry = await act(name, 'check', () => checkDataSource(name));
    if (entry) replace(entry);
    return entry;
  };

  const setEnabled = async (name: string, enabled: boolean) => {
    const entry = await act(name, 'toggle', () => updateDataSource(name, { enabled }));
    if (entry) replace(entry);
    return entry;
  };

  const resetBreakers = async (name: string) => {
    const entry = await act(name, 'reset', () => resetDataSourceBreakers(name));
    if (entry) replace(entry);
    return entry;
  };

  const move = async (name: string, delta: -1 | 1) => {
    const next = moveInOrder(sources.value.map((s) => s.name), name, delta);
    if (next.join() === sources.value.map((s) => s.name).join()) return null;
    const list = await act(name, 'move', () => reorderDataSources(next));
    if (list) sources.value = list;
    return list;
  };

  const save = async (name: string, body: UpdateDataSourceRequest) => {
    const entry = await act(name, 'save', () => updateDataSource(name, body));
    if (entry) replace(entry);
    return entry;
  };

  return { sources, loading, loaded, error, busy, load, check, setEnabled, resetBreakers, move, save };
}
