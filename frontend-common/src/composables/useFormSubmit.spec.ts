import { describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { useFormSubmit, type ValidatableForm } from './useFormSubmit';

const formThat = (valid: boolean | 'rejects') =>
  ref<ValidatableForm | undefined>({
    validate: () => (valid === 'rejects' ? Promise.reject(new Error('invalid fields')) : Promise.resolve(valid)),
  });

describe('useFormSubmit', () => {
  it('runs nothing when the form is invalid (resolved false or rejected) or not mounted', async () => {
    const task = vi.fn().mockResolvedValue(undefined);
    for (const form of [formThat(false), formThat('rejects'), ref<ValidatableForm | undefined>(undefined)]) {
      await useFormSubmit(form, task, vi.fn()).submit();
    }
    expect(task).not.toHaveBeenCalled();
  });

  it('runs the task once at a time and shows submitting meanwhile', async () => {
    let finish!: () => void;
    const task = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const { submitting, submit } = useFormSubmit(formThat(true), task, vi.fn());
    const first = submit();
    await vi.waitFor(() => expect(submitting.value).toBe(true));
    await submit(); // ignored while the first runs
    expect(task).toHaveBeenCalledTimes(1);
    finish();
    await first;
    expect(submitting.value).toBe(false);
  });

  it('hands a failure to onError and resets submitting', async () => {
    const failure = new Error('409');
    const onError = vi.fn();
    const { submitting, submit } = useFormSubmit(formThat(true), () => Promise.reject(failure), onError);
    await submit();
    expect(onError).toHaveBeenCalledWith(failure);
    expect(submitting.value).toBe(false);
  });
});
