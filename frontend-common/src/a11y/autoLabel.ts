/**
 * Accessibility safety net both SPAs install at start-up. Pages should name their controls
 * themselves (`label`, `aria-label`); this only fills gaps Element Plus leaves and that a page
 * forgot, so a screen reader never meets a nameless control:
 *
 * - a form control without a name gets `aria-label` from, in order: its table column's header
 *   (plus the row's first cell, e.g. "价格 VIP2"), its form item's label, its placeholder, or the
 *   placeholder an `el-select` shows;
 * - a scrolling table body (phones) becomes keyboard-focusable (`tabindex="0"`), so it can be
 *   scrolled without a mouse.
 *
 * Runs after every DOM change (batched per animation frame). Never overwrites an existing name.
 */
const CONTROLS = 'input:not([type="hidden"]), textarea, select, [role="combobox"], [role="switch"], [role="slider"], [role="spinbutton"]';

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function hasName(el: Element): boolean {
  if (el.getAttribute('aria-label')?.trim() || el.getAttribute('aria-labelledby') || el.getAttribute('title')) return true;
  if (el.closest('label')) return true;
  const id = el.getAttribute('id');
  if (id) {
    try {
      if (document.querySelector(`label[for="${CSS.escape(id)}"]`)) return true;
    } catch {
      /* odd id */
    }
  }
  return false;
}

/** The name a control's surroundings suggest, or ''. */
export function guessName(el: Element): string {
  const cell = el.closest('td');
  const table = cell?.closest('.el-table, table');
  if (cell && table) {
    const row = cell.parentElement;
    const index = row ? Array.from(row.children).indexOf(cell) : -1;
    const headers = table.querySelectorAll('thead th, .el-table__header th');
    const header = text(headers[index]?.querySelector('.cell') ?? headers[index]);
    const rowName = row && row.firstElementChild !== cell ? text(row.firstElementChild).slice(0, 40) : '';
    if (header) return rowName ? `${header} ${rowName}` : header;
  }
  const item = el.closest('.el-form-item');
  const itemLabel = text(item?.querySelector('.el-form-item__label'));
  if (itemLabel) return itemLabel;
  const placeholder = el.getAttribute('placeholder')?.trim();
  if (placeholder) return placeholder;
  const selectPlaceholder = text(el.closest('.el-select, .el-select-v2')?.querySelector('.el-select__placeholder'));
  if (selectPlaceholder) return selectPlaceholder;
  const switchLabel = text(el.closest('.el-switch')?.querySelector('.el-switch__label'));
  return switchLabel;
}

export function labelControls(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll(CONTROLS))) {
    if (hasName(el)) continue;
    const name = guessName(el);
    if (name) el.setAttribute('aria-label', name);
  }
  for (const wrap of Array.from(root.querySelectorAll('.el-table__body-wrapper .el-scrollbar__wrap'))) {
    if (!wrap.hasAttribute('tabindex')) wrap.setAttribute('tabindex', '0');
  }
}

/** Labels now and after every change of the document. */
export function installAutoLabels(root: HTMLElement = document.body): () => void {
  let pending = false;
  const run = () => {
    pending = false;
    labelControls(root);
  };
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(run);
  });
  observer.observe(root, { childList: true, subtree: true });
  run();
  return () => observer.disconnect();
}
