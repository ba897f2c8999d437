import { describe, expect, it } from 'vitest';
import { h, nextTick } from 'vue';
import { ElPagination } from 'element-plus';
import { mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { createSpaI18n } from '../locales/i18n';
import AppRoot from './AppRoot.vue';

describe('AppRoot', () => {
  it('shows the routed page with Element Plus in the UI language', async () => {
    localStorage.clear();
    const { i18n } = createSpaI18n([]);
    const Page = { render: () => h(ElPagination, { total: 50, layout: 'total' }) };
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: Page }] });
    await router.push('/');
    const root = mount(AppRoot, { global: { plugins: [i18n, router] } });
    expect(root.text()).toContain('共 50 条');
    i18n.global.locale.value = 'en';
    await nextTick();
    expect(root.text()).toContain('Total 50');
  });
});
