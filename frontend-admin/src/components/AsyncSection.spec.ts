import { describe, expect, it } from 'vitest';
import { nextTick, ref, shallowRef } from 'vue';
import { mount } from '@vue/test-utils';
import { ApiError } from '@/api/errors';
import { i18n } from '@/locales';
import AsyncSection from './AsyncSection.vue';

function section() {
  const state = { data: shallowRef<{ name: string } | null>(null), error: ref<ApiError | null>(null), loading: ref(true) };
  const wrapper = mount(AsyncSection<{ name: string }>, {
    props: { state, rows: 2 },
    slots: { default: `<template #default="{ data }"><p data-test="loaded">{{ data.name }}</p></template>` },
    global: { plugins: [i18n] },
  });
  return { state, wrapper };
}

describe('AsyncSection', () => {
  it('skeleton on first load, error with retry when it failed, then the data (kept while reloading)', async () => {
    const { state, wrapper } = section();
    expect(wrapper.find('[data-test="section-loading"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="loaded"]').exists()).toBe(false);

    state.loading.value = false;
    state.error.value = new ApiError(500, 'INTERNAL_ERROR', 'database down');
    await nextTick();
    expect(wrapper.find('[data-test="state-error"]').text()).toContain('database down');
    await wrapper.find('[data-test="state-retry"]').trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);

    state.error.value = null;
    state.data.value = { name: 'Pool A' };
    await nextTick();
    expect(wrapper.find('[data-test="loaded"]').text()).toBe('Pool A');

    // a reload (or its failure) keeps showing the data
    state.loading.value = true;
    state.error.value = new ApiError(500, 'INTERNAL_ERROR', 'again');
    await nextTick();
    expect(wrapper.find('[data-test="loaded"]').text()).toBe('Pool A');
    expect(wrapper.find('[data-test="section-loading"]').exists()).toBe(false);
  });
});
