import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { mount } from '@vue/test-utils';
import { nextTask, useReadyNextTask } from './nextTask';

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
});
