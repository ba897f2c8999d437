import type { Directive } from 'vue';

const observers = new WeakMap<HTMLElement, MutationObserver>();

function tag(root: HTMLElement, value: string): void {
  root.querySelectorAll<HTMLElement>('.el-table__body tr.el-table__row').forEach((row) => {
    if (row.getAttribute('data-test') !== value) row.setAttribute('data-test', value);
  });
}

/**
 * `v-row-test-id="'user-row'"` on an <el-table>: puts `data-test` on every body row
 * (Element Plus has no row-attribute prop), for the browser e2e tests.
 */
export const vRowTestId: Directive<HTMLElement, string> = {
  mounted(el, binding) {
    tag(el, binding.value);
    const observer = new MutationObserver(() => tag(el, binding.value));
    observer.observe(el, { childList: true, subtree: true });
    observers.set(el, observer);
  },
  updated(el, binding) {
    tag(el, binding.value);
  },
  beforeUnmount(el) {
    observers.get(el)?.disconnect();
    observers.delete(el);
  },
};
