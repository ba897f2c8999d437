import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { ApiError, toApiError } from '../api/errors';

export interface UseAsync<T, A extends unknown[]> {
  data: ShallowRef<T | null>;
  error: Ref<ApiError | null>;
  loading: Ref<boolean>;
  /** runs the task; resolves to the result, or null when it failed (the error is in `error`) */
  run: (...args: A) => Promise<T | null>;
}

export interface UseAsyncOptions {
  notify?: boolean;
  initialLoading?: boolean;
}

export type UseAsyncFn = <T, A extends unknown[] = []>(
  task: (...args: A) => Promise<T>,
  options?: UseAsyncOptions,
) => UseAsync<T, A>;

/**
 * Builds the app's `useAsync` around its error toast (`notify`).
 * Loading / error / data state around one async task. Only the latest run's outcome is kept.
 * Failures are shown through `notify` unless `notify: false`.
 */
export function createUseAsync(notify: (error: ApiError) => void): UseAsyncFn {
  return function useAsync<T, A extends unknown[] = []>(
    task: (...args: A) => Promise<T>,
    options: UseAsyncOptions = {},
  ): UseAsync<T, A> {
    const data = shallowRef<T | null>(null);
    const error = ref<ApiError | null>(null);
    const loading = ref(options.initialLoading ?? false);
    let seq = 0;

    async function run(...args: A): Promise<T | null> {
      const mine = ++seq;
      loading.value = true;
      error.value = null;
      try {
        const result = await task(...args);
        if (mine === seq) data.value = result;
        return result;
      } catch (e) {
        const err = toApiError(e);
        if (mine === seq) error.value = err;
        if (options.notify !== false) notify(err);
        return null;
      } finally {
        if (mine === seq) loading.value = false;
      }
    }

    return { data, error, loading, run };
  };
}
