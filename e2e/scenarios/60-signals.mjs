// Signals: a new member (the demo pool gives 5 stocks, the demo seeder computed signals at start)
// opens "my stocks", then a stock: K-line canvas with BUY/SELL markers, the latest signal's
// reasons, the track record next to the random baseline, the chain head, the risk disclosure.
import assert from 'node:assert/strict';

const fill = async (page, test, value) => {
  const el = page.locator(`[data-test="${test}"]`);
  const input = (await el.evaluate((n) => n.tagName)) === 'INPUT' ? el : el.locator('input').first();
  await input.fill(value);
};

async function waitForSignals(baseUrl, token) {
  const end = Date.now() + 60_000;
  let last = null;
  while (Date.now() < end) {
    const r = await fetch(`${baseUrl}/api/v1/me/stocks`, { headers: { authorization: `Bearer ${token}` } });
    last = await r.json();
    if (r.ok && last.items?.length === 5 && last.items.every((i) => i.latestSignal)) return last.items;
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error(`the member's 5 stocks with signals did not appear: ${JSON.stringify(last)}`);
}

export const scenarios = {
  'member opens a stock detail page with markers': async ({ page, baseUrl, state, shot }) => {
    const username = `s${Date.now().toString(36)}`;
    await page.goto(`${baseUrl}/register`);
    await page.locator('[data-test="register-page"]').waitFor();
    await fill(page, 'register-username', username);
    await fill(page, 'register-email', `${username}@example.com`);
    await fill(page, 'register-password', 'member-pass-1');
    await fill(page, 'register-password-confirm', 'member-pass-1');
    await page.locator('[data-test="register-risk"]').click();
    await page.locator('[data-test="register-submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/register'), { timeout: 15_000 });
    const token = await page.evaluate(() => localStorage.getItem('zhice.user.accessToken'));
    assert.ok(token, 'signed in after registration');
    const items = await waitForSignals(baseUrl, token);
    state.signalsMember = { username, tsCodes: items.map((i) => i.tsCode) };

    // My stocks → the first stock's detail page.
    await page.goto(`${baseUrl}/stocks`);
    const list = page.locator('[data-test="my-stocks-page"]');
    let code = items[0].tsCode;
    if (await list.waitFor({ timeout: 10_000 }).then(() => true, () => false)) {
      const link = page.locator('[data-test="my-stock-detail"], [data-test="my-stock-card"]').first();
      await link.waitFor({ timeout: 15_000 });
      // Element Plus tags zoom in on appear: shoot once the action tags have finished their transition.
      await page.waitForFunction(() => document.querySelector('[data-test="my-stocks-page"] .el-tag') && !document.querySelector('.el-zoom-in-center-enter-active'), null, { timeout: 5_000 });
      await shot('signals-my-stocks');
      await link.click();
      await page.waitForURL((u) => /^\/stocks\/\d{6}\.(SH|SZ|BJ)$/.test(u.pathname), { timeout: 15_000 });
      code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    } else {
      await page.goto(`${baseUrl}/stocks/${code}`);
    }
    assert.ok(state.signalsMember.tsCodes.includes(code), `${code} is one of the member's stocks`);

    await page.locator('[data-test="stock-detail"]').waitFor();
    const chart = page.locator('[data-test="kline-chart"]');
    await chart.locator('canvas').first().waitFor({ timeout: 20_000 });
    // Signals arrive after the bars; the markers follow.
    await page.waitForFunction(() => Number(document.querySelector('[data-test="kline-chart"]')?.getAttribute('data-markers')) > 0, null, { timeout: 15_000 }).catch(() => undefined);
    const markers = Number(await chart.getAttribute('data-markers'));
    assert.ok(markers > 0, `BUY/SELL markers on the chart (${markers})`);
    const box = await chart.boundingBox();
    assert.ok(box && box.height > 300 && box.width > 300, 'the chart has a real size');

    await page.locator('[data-test="signal-reasons"]').waitFor();
    assert.match(await page.locator('[data-test="latest-action"]').innerText(), /买入|卖出|持有/);
    const rules = await page.locator('[data-test="rules-fired"] li').allInnerTexts();
    assert.ok(rules.length > 0 && rules.every((r) => r.trim().length > 0), `rules fired: ${rules.join(' | ')}`);
    assert.match(await page.locator('[data-test="reason-values"]').innerText(), /CHO/);

    await page.locator('[data-test="track-record"]').waitFor();
    assert.ok((await page.locator('[data-test="hit-rate"]').count()) === 8, 'hit rate per window, this stock and the strategy');
    assert.match(await page.locator('[data-test="avg-return"]').first().innerText(), /%|—/);
    assert.match(await page.locator('[data-test="baseline"]').first().innerText(), /%|—/);
    assert.match(await page.locator('[data-test="verdict"]').innerText(), /随机选股|样本不足/);
    assert.match(await page.locator('[data-test="chain-hash"]').innerText(), /^[0-9a-f]{64}$/);
    assert.ok(await page.locator('[data-test="demo-label"]').isVisible(), 'demo bars are labelled');
    assert.match(await page.locator('[data-test="risk-disclosure"]').innerText(), /不构成投资建议/);
    await page.waitForTimeout(500);
    await shot('signals-stock-detail');

    await page.setViewportSize({ width: 375, height: 800 });
    // ECharts resizes after the viewport (debounced): wait until the canvas fits the phone.
    await page.waitForFunction(() => {
      const c = document.querySelector('[data-test="kline-chart"] canvas');
      return !!c && c.getBoundingClientRect().width <= window.innerWidth;
    }, null, { timeout: 15_000 });
    await page.waitForTimeout(300);
    await shot('signals-stock-detail-mobile');

    // Someone else's stock: a clear "not yours" state, not data.
    const mine = new Set(state.signalsMember.tsCodes);
    const other = ['600000.SH', '000001.SZ', '600519.SH', '000858.SZ', '601318.SH', '600036.SH'].find((c) => !mine.has(c));
    await page.goto(`${baseUrl}/stocks/${other}`);
    await page.locator('[data-test="not-owned"]').waitFor({ timeout: 15_000 });
  },
};

scenarios['admin runs signals, edits parameters and sees hit rates'] = async ({ page, baseUrl, admin, shot }) => {
  await page.goto(`${baseUrl}/admin/`);
  await page.locator('[data-test="login-page"]').waitFor();
  await fill(page, 'login-username', admin.username);
  await fill(page, 'login-password', admin.password);
  await page.locator('[data-test="login-submit"]').click();
  await page.locator('[data-test="header-username"]').waitFor({ timeout: 15_000 });
  await page.goto(`${baseUrl}/admin/signals`);
  await page.locator('[data-test="signal-runs"]').waitFor();

  // Run now (latest trading day): a new row that ends done with a full progress bar.
  const before = await page.locator('[data-test="signal-run-row"]').count();
  await page.locator('[data-test="run-now"]').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-test="signal-run-row"]').length > n, before, { timeout: 15_000 });
  const first = page.locator('[data-test="signal-run-row"]').first();
  await page.waitForFunction(() => /完成|Done/.test(document.querySelector('[data-test="signal-run-row"]')?.textContent ?? ''), null, { timeout: 60_000 });
  assert.equal(await first.locator('[role="progressbar"]').getAttribute('aria-valuenow'), '100');
  await first.click();
  await page.locator('[data-test="run-detail"] h3').getByText(/失败的股票|Failed stocks/).waitFor();
  await shot('admin-signal-runs');
  await page.keyboard.press('Escape');

  // Strategy parameters: a bad value is refused with the validator's message; a good one makes v2.
  await page.locator('.el-tabs__item', { hasText: /策略参数|Strategy parameters/ }).click();
  await page.locator('[data-test="strategy-editor"]').waitFor();
  const short = page.locator('[data-test="param-short"] input');
  await short.fill('30');
  await page.locator('[data-test="save-params"]').click();
  await page.locator('[data-test="param-server-error"]').first().waitFor({ timeout: 10_000 });
  assert.match(await page.locator('[data-test="param-server-error"]').first().innerText(), /short(: must be less than long|：必须小于 long)/);
  await short.fill('5');
  await page.locator('[data-test="save-params"]').click();
  await page.locator('[data-test="strategy-history"]').getByText('v2').waitFor({ timeout: 10_000 });
  await shot('admin-strategy-params');

  // Mapping tab lists every level with a strategy select.
  await page.locator('.el-tabs__item', { hasText: /VIP 策略映射|VIP → strategy/ }).click();
  await page.locator('[data-test="mapping-row"]').nth(4).waitFor();

  // Stats: hit rate vs the random baseline, and a verified chain.
  await page.locator('.el-tabs__item', { hasText: /胜率统计|Hit rates/ }).click();
  await page.locator('[data-test="stats-chart"] canvas').first().waitFor({ timeout: 15_000 });
  await page.locator('[data-test="chain-verify"]').click();
  await page.locator('[data-test="chain-verify-result"]').waitFor({ timeout: 15_000 });
  assert.match(await page.locator('[data-test="chain-verify-result"]').innerText(), /校验通过|Verified/);
  await shot('admin-signal-stats');
};
