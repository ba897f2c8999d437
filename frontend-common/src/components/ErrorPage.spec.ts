import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { createSpaI18n } from '../locales/i18n';
import ErrorPage from './ErrorPage.vue';

async function mountPage(status: 404 | 403, slots: Record<string, string> = {}) {
  const { i18n } = createSpaI18n([]);
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] });
  await router.push('/nowhere');
  return mount(ErrorPage, { props: { status }, slots, global: { plugins: [i18n, router] } });
}

describe('ErrorPage', () => {
  beforeEach(() => localStorage.clear());

  it('404: says the page does not exist, with a way back home', async () => {
    const page = await mountPage(404);
    expect(page.find('[data-test="page-404"]').exists()).toBe(true);
    expect(page.text()).toContain('404 页面不存在');
    expect(page.text()).toContain('您访问的页面不存在或已被移除。');
    expect(page.find('a').attributes('href')).toBe('/');
    expect(page.find('a').text()).toBe('返回首页');
  });

  it('403: says access is denied; the actions slot replaces the button', async () => {
    const page = await mountPage(403, { actions: '<button data-test="sign-out">Sign out</button>' });
    expect(page.find('[data-test="page-403"]').exists()).toBe(true);
    expect(page.text()).toContain('403 无权访问');
    expect(page.find('[data-test="sign-out"]').exists()).toBe(true);
    expect(page.find('a').exists()).toBe(false);
  });
});
