import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors';
import { createUseAsync } from './useAsync';

describe('useAsync', () => {
  it('keeps data on success and reports failures through notify unless told not to', async () => {
    const notify = vi.fn();
    const useAsync = createUseAsync(notify);
    const ok = useAsync(async (n: number) => n * 2);
    await expect(ok.run(21)).resolves.toBe(42);
    expect(ok.data.value).toBe(42);
    expect(ok.loading.value).toBe(false);

    const failing = useAsync(async () => {
      throw new ApiError(404, 'NOT_FOUND', 'gone');
    });
    await expect(failing.run()).resolves.toBeNull();
    expect(failing.error.value?.code).toBe('NOT_FOUND');
    expect(notify).toHaveBeenCalledTimes(1);

    const quiet = useAsync(async () => Promise.reject(new Error('x')), { notify: false });
    await quiet.run();
    expect(quiet.error.value?.code).toBe('UNKNOWN');
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('keeps only the latest run’s outcome', async () => {
    const useAsync = createUseAsync(() => undefined);
    const { run, data } = useAsync((ms: number, v: string) => new Promise<string>((r) => setTimeout(() => r(v), ms)));
    const first = run(20, 'old');
    const second = run(1, 'new');
    await Promise.all([first, second]);
    expect(data.value).toBe('new');
  });
});
