import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { mount } from '@vue/test-utils';

vi.mock('@/api/demo-data', () => ({
  getDemoDataStatus: vi.fn(async () => ({ present: false, demoDataSetting: true, realSource: true, syntheticBars: 0, syntheticFrom: null, syntheticTo: null, demoPools: 0, signalDays: 0 })),
  leaveDemoMode: vi.fn(async () => ({ bars: 10, factors: 10, syncDates: 1, calendarDays: 2, pools: 1, allocations: 3, draws: 1, stocks: 4, signalDays: 2, signals: 8, chainLinks: 2, stockListJobId: null })),
}));

import { leaveDemoMode } from '@/api/demo-data';
import { useDemoData } from './useDemoData';

function setup(answer: boolean) {
  let state!: ReturnType<typeof useDemoData>;
  mount(defineComponent({ setup() { state = useDemoData(async () => answer); return () => h('div'); } }));
  return state;
}

describe('leave demo mode', () => {
  it('sends nothing unless the operator confirms', async () => {
    const state = setup(false);
    expect(await state.leave()).toBeNull();
    expect(leaveDemoMode).not.toHaveBeenCalled();
  });

  it('leaves after the confirmation and reloads the status', async () => {
    const state = setup(true);
    const r = await state.leave();
    expect(r).toMatchObject({ bars: 10, signalDays: 2 });
    expect(leaveDemoMode).toHaveBeenCalledTimes(1);
    expect(state.status.data.value).toMatchObject({ present: false });
  });
});
