// Every page of both apps, in both languages, on a phone (390 px) and a desktop (1440 px):
// axe-core finds no critical or serious violation, the text is in the chosen language (no CJK in
// English; no raw message keys or English status words in Chinese), and each is screenshotted
// (e2e/screenshots/pages/<app>-<page>-<locale>-<width>.png).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { axeProblems, languageProblems } from '../checks.mjs';

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
];

async function api(baseUrl, method, url, body, token) {
  const res = await fetch(`${baseUrl}/api/v1${url}`, {
    method,
    headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : null;
}

/** A member and the admin signed in through the API (once per run), and ids the detail pages need. */
async function accounts(baseUrl, admin, state) {
  if (state.sweep) return state.sweep;
  const username = `sweep${Date.now().toString(36)}`;
  const member = await api(baseUrl, 'POST', '/auth/register', { username, password: 'sweep-pass-1', email: `${username}@example.com`, riskAck: true });
  const adm = await api(baseUrl, 'POST', '/auth/login', { username: admin.username, password: admin.password });
  const stocks = await api(baseUrl, 'GET', '/me/stocks', null, member.accessToken);
  const pools = await api(baseUrl, 'GET', '/admin/stock-pools?page=1&pageSize=5', null, adm.accessToken);
  state.sweep = { member, admin: adm, stock: stocks.items[0]?.tsCode, poolId: pools.items[0]?.id, memberId: member.user.id };
  return state.sweep;
}

/** Waits until the page has settled: no request in flight, no skeleton or loading mask, transitions done. */
async function settle(page) {
  await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
  await page.waitForFunction(() => !document.querySelector('.el-skeleton, .el-loading-mask, .zc-splash'), null, { timeout: 15_000 }).catch(() => undefined);
  await page.waitForTimeout(400);
}

async function sweep({ page, context, baseUrl, shotsDir }, { app, locale, storage, pages }) {
  const dir = path.join(shotsDir, 'pages');
  mkdirSync(dir, { recursive: true });
  await context.addInitScript(
    ([entries, loc]) => {
      localStorage.setItem('zhice.locale', loc);
      for (const [k, v] of Object.entries(entries)) if (!localStorage.getItem(k)) localStorage.setItem(k, v);
    },
    [storage, locale],
  );
  const problems = [];
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    for (const [name, url, ready] of pages) {
      await page.goto(`${baseUrl}${url}`);
      if (ready) await page.locator(ready).first().waitFor({ timeout: 20_000 });
      await settle(page);
      const label = `${app} ${name} ${locale} ${size.width}px`;
      const lang = await page.evaluate(() => document.documentElement.lang);
      if (lang !== locale) problems.push(`${label}: <html lang="${lang}">`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 2) problems.push(`${label}: scrolls sideways by ${overflow}px`);
      problems.push(...(await languageProblems(page, locale, label)));
      problems.push(...(await axeProblems(page, label)));
      await page.screenshot({ path: path.join(dir, `${app}-${name}-${locale}-${size.width}.png`), fullPage: true });
    }
  }
  assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
}

function memberPages(s) {
  return [
    ['stocks', '/stocks', '[data-test="my-stocks-page"]'],
    ['stock-detail', `/stocks/${s.stock}`, '[data-test="stock-detail"]'],
    ['account', '/account', '[data-test="account-username"]'],
    ['vip', '/vip', null],
  ];
}
const guestPages = [
  ['home', '/', null],
  ['login', '/login', null],
  ['register', '/register', '[data-test="register-page"]'],
  ['forgot-password', '/forgot-password', null],
];
function adminPages(s) {
  return [
    ['dashboard', '/admin/', '[data-test="welcome"]'],
    ['users', '/admin/users', '[data-test="user-row"]'],
    ['vip-levels', '/admin/vip-levels', null],
    ['pools', '/admin/pools', null],
    ['pool-import', '/admin/pools/import', null],
    ['pool-detail', `/admin/pools/${s.poolId}`, null],
    ['allocations', '/admin/allocations', null],
    ['member-allocation', `/admin/allocations/users/${s.memberId}`, null],
    ['data-sources', '/admin/data-sources', null],
    ['signals', '/admin/signals', null],
    ['login-logs', '/admin/login-logs', null],
    ['operation-logs', '/admin/operation-logs', null],
    ['outbox', '/admin/outbox', null],
  ];
}

const memberTokens = (s) => ({ 'zhice.user.accessToken': s.member.accessToken, 'zhice.user.refreshToken': s.member.refreshToken });
const adminTokens = (s) => ({ 'zhice.admin.accessToken': s.admin.accessToken, 'zhice.admin.refreshToken': s.admin.refreshToken });

export const scenarios = Object.fromEntries(
  ['zh-CN', 'en'].flatMap((locale) => [
    [
      `guest pages in ${locale}: axe, language, 390/1440 screenshots`,
      async (ctx) => sweep(ctx, { app: 'member', locale, storage: {}, pages: [...guestPages, ['admin-login', '/admin/login', '[data-test="login-page"]']] }),
    ],
    [
      `member pages in ${locale}: axe, language, 390/1440 screenshots`,
      async (ctx) => {
        const s = await accounts(ctx.baseUrl, ctx.admin, ctx.state);
        await sweep(ctx, { app: 'member', locale, storage: memberTokens(s), pages: memberPages(s) });
      },
    ],
    [
      `admin pages in ${locale}: axe, language, 390/1440 screenshots`,
      async (ctx) => {
        const s = await accounts(ctx.baseUrl, ctx.admin, ctx.state);
        await sweep(ctx, { app: 'admin', locale, storage: adminTokens(s), pages: adminPages(s) });
      },
    ],
  ]),
);
