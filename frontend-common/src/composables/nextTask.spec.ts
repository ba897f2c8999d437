import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { mount } from '@vue/test-utils';
import { nextTask, startInStages } from './nextTask';
import { useReadyNextTask } from './useReadyNextTask';

describe('nextTask', () => {
  afterEach(() => void vi.useRealTimers());

  it('settles after the timers of this task, not with the microtasks', async () => {
    vi.useFakeTimers();
    let done = false;
    void nextTask().then(() => (done = true));
    await Promise.resolve();
    await nextTick();
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('useReadyNextTask: false at the first render, true one task after the mount', async () => {
    vi.useFakeTimers();
    const Comp = defineComponent({
      setup() {
        const ready = useReadyNextTask();
        return () => h('p', ready.value ? 'ready' : 'first');
      },
    });
    const wrapper = mount(Comp);
    await nextTick();
    expect(wrapper.text()).toBe('first');
    await vi.advanceTimersByTimeAsync(0);
    expect(wrapper.text()).toBe('ready');
  });

  it('startInStages: each load starts in a task of its own, in order, after the previous one settled', async () => {
    const log: string[] = [];
    const realSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => realSetTimeout(() => (log.push('task'), fn()), ms)) as never);
    const load = (name: string) => async () => {
      log.push(`start ${name}`);
      await Promise.resolve();
      log.push(`done ${name}`);
      return name;
    };
    const all = startInStages([load('a'), load('b'), load('c')]);
    expect(log).toEqual([]); // not in the caller's task
    expect(await all).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['task', 'start a', 'done a', 'task', 'start b', 'done b', 'task', 'start c', 'done c']);
  });
});
