// Checks every e2e page goes through: axe-core (no critical or serious violation) and the UI
// language (no CJK text in English mode; no raw message keys or English status words in Chinese).
// Data that is not UI text (stock names, user agents, hashes, e-mails) is marked in the apps with
// `lang="zh"` / `translate="no"` (table columns: `class-name="zc-data"`) and skipped, as is `<code>`.
import { AxeBuilder } from '@axe-core/playwright';

/** WCAG 2.1 A/AA rules; violations with these impacts fail. */
const FAILING = new Set(['critical', 'serious']);

/** Runs axe on the page; returns one line per critical/serious violation (empty when clean). */
export async function axeProblems(page, label) {
  await settle(page);
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // A toast fading in or out is half transparent: axe would blend its colours with the page.
    .exclude('.el-message-fade-enter-active, .el-message-fade-leave-active, .el-fade-in-linear-leave-active')
    .analyze();
  return result.violations
    .filter((v) => FAILING.has(v.impact))
    .map((v) => `${label}: axe ${v.impact} ${v.id} (${v.help}) × ${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} [${(n.any[0]?.message ?? n.failureSummary ?? '').slice(0, 120)}]`).join(' | ')}`);
}

/**
 * Waits (up to 3 s) for the page's finite CSS animations and transitions to end, so axe judges
 * colours and layout as they rest, not mid-fade or mid-resize.
 */
async function settle(page) {
  await page
    .evaluate(async () => {
      const running = document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity);
      await Promise.race([Promise.all(running.map((a) => a.finished.catch(() => undefined))), new Promise((r) => setTimeout(r, 3000))]);
    })
    .catch(() => undefined);
}

/** The visible UI text of the page, without data marked as such (see above). */
export async function uiText(page) {
  return page.evaluate(() => {
    const skip = (el) => el.closest('[lang]:not(html), [translate="no"], .zc-data, code, pre, script, style, noscript, svg, canvas');
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || skip(el) || !node.textContent.trim()) continue;
      if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      out.push(node.textContent.trim());
    }
    // attributes people hear or see as text
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      if (skip(el)) continue;
      for (const a of ['placeholder', 'aria-label', 'title']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
    }
    out.push(document.title);
    return out.join('\n');
  });
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60]/;
/** a dotted lower-case key such as `users.title` or `stock_pool.activate` */
const KEY = /(?<![\w@/.-])[a-z][a-zA-Z]*\.[a-z_][a-zA-Z_]*(?:\.[a-zA-Z_]+)*(?![\w@/-])/;
const ENGLISH_STATUS = /\b(published|draft|active|archived|running|queued|pending|failed|succeeded|healthy|degraded|disabled|enabled|half_open|open|closed|Network Error|Request failed)\b/;

/** Problems with the page's language: CJK in en; message keys or English status words in zh-CN. */
export async function languageProblems(page, locale, label) {
  const text = (await uiText(page))
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
    .replace(/\b[\w-]+\.(png|svg|xlsx|json|csv|ico|js|css)\b/gi, ' ');
  const problems = [];
  for (const line of text.split('\n')) {
    if (locale === 'en' && CJK.test(line)) problems.push(`${label}: Chinese text in English mode: "${line.slice(0, 80)}"`);
    if (locale === 'zh-CN') {
      const key = KEY.exec(line);
      if (key) problems.push(`${label}: raw message key "${key[0]}" in "${line.slice(0, 80)}"`);
      const word = ENGLISH_STATUS.exec(line);
      if (word) problems.push(`${label}: English word "${word[0]}" in Chinese mode: "${line.slice(0, 80)}"`);
    }
  }
  return [...new Set(problems)];
}
