// Stock pools: an admin imports a pool by pasting codes (one invalid line is reported and skipped),
// creates it, activates it and watches the re-allocation finish; a member registering afterwards
// sees 5 stocks from that pool on "my stocks" (table on desktop, cards on a phone). Screenshots the
// import preview, the progress, the pool detail chart, the allocation search and the member view.
// Self-sufficient: needs only the demo data (stock basics from the demo universe).
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const shotsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

const byTest = (scope, test) => scope.locator(`[data-test="${test}"]`);

/** Fills an Element Plus input or textarea by the data-test on its wrapper (or on the field itself). */
const fill = async (scope, test, value) => {
  const el = byTest(scope, test).first();
  const tag = await el.evaluate((n) => n.tagName);
  const input = tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input, textarea').first();
  await input.fill(value);
};

async function settle(page) {
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 6_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}

/**
 * 30 codes of the demo pool (real A-shares of the demo universe, the ones the demo data has signals for),
 * written the ways people paste them.
 */
const CODES = [
  '600000', 'sz000001', '600036.SH', 'SH601318', '000858', '600519', '000333.sz', '300750', '601288', '600900',
  '000651', '002594', '600030', '601166', '000002', '600276', '601012', '000568', '600887', '002415',
  '300059', '600309', '601088', '002475', '000725', '600031', '600028', '300015', '600104', '000063',
];
const EXPECTED = new Set(
  CODES.map((c) => {
    const digits = c.replace(/\D/g, '');
    return `${digits}.${/^[69]/.test(digits) ? 'SH' : 'SZ'}`;
  }),
);

async function registerOverApi(baseUrl, username) {
  const res = await fetch(`${baseUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'member-pass-1', riskAck: true }),
  });
  assert.equal(res.status, 201, `registering ${username}: ${res.status} ${await res.text()}`);
}

export const scenarios = {
  'import, activate, new member sees 5 stocks': async ({ page, context, baseUrl, admin, shot }) => {
    // A few members exist before the rotation, so it has someone to re-allocate.
    const stamp = Date.now().toString(36);
    for (let i = 0; i < 6; i++) await registerOverApi(baseUrl, `pre${stamp}${i}`);

    // Admin signs in.
    await page.goto(`${baseUrl}/admin/`);
    await byTest(page, 'login-page').waitFor();
    await fill(page, 'login-username', admin.username);
    await fill(page, 'login-password', admin.password);
    await byTest(page, 'login-submit').click();
    await byTest(page, 'header-username').waitFor({ timeout: 15_000 });

    // Pools list → import wizard (from the sidebar menu).
    await byTest(page, 'menu-pools').click();
    await byTest(page, 'pools-page').waitFor();
    await byTest(page, 'pool-row').first().waitFor({ timeout: 15_000 }); // the demo pool
    await byTest(page, 'pools-import').click();
    await byTest(page, 'pool-import-page').waitFor();
    const pasted = ['股票代码', ...CODES.slice(0, 15), '999999', ...CODES.slice(15)].join('\n');
    await fill(page, 'import-text', pasted);
    await byTest(page, 'import-check').click();
    await byTest(page, 'import-preview').waitFor({ timeout: 15_000 });
    assert.match(await byTest(page, 'import-valid-count').innerText(), /30/);
    assert.match(await byTest(page, 'import-invalid-count').innerText(), /1/);
    const invalidRow = page.locator('.row-invalid');
    assert.equal(await invalidRow.count(), 1, 'exactly one highlighted invalid line');
    assert.match(await invalidRow.innerText(), /999999/);
    assert.match(await byTest(page, 'import-invalid-summary').innerText(), /999999/);
    await settle(page);
    await shot('pools-import-preview');

    await byTest(page, 'import-next').click();
    await fill(page, 'import-name', 'E2E 测试股票池');
    assert.equal(await byTest(page, 'import-create').isDisabled(), true, 'create waits for "skip invalid lines"');
    await byTest(page, 'import-skip').click();
    await byTest(page, 'import-create').click();
    await byTest(page, 'import-created').waitFor({ timeout: 15_000 });
    await byTest(page, 'import-activate').click();
    // re-allocating everyone is confirmed first
    await page.locator('.el-message-box .el-button--primary').click();
    await page.locator('[data-test="activation-progress"][data-status="done"]').waitFor({ timeout: 60_000 });
    assert.match(await byTest(page, 'activation-result').innerText(), /\d/);
    await settle(page);
    await shot('pools-activation-done');

    const poolUrl = await (async () => {
      await byTest(page, 'import-open-detail').click();
      await byTest(page, 'pool-detail-page').waitFor();
      return page.url();
    })();

    // A new member registers in another browser session and sees 5 stocks from the new pool.
    const member = await context.browser().newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const mp = await member.newPage();
    const username = `p${Date.now().toString(36)}`;
    await mp.goto(`${baseUrl}/register`);
    await byTest(mp, 'register-page').waitFor();
    await fill(mp, 'register-username', username);
    await fill(mp, 'register-email', `${username}@example.com`);
    await fill(mp, 'register-password', 'member-pass-1');
    await fill(mp, 'register-password-confirm', 'member-pass-1');
    await byTest(mp, 'register-risk').click();
    await byTest(mp, 'register-submit').click();
    await mp.waitForURL((u) => !u.pathname.startsWith('/register'), { timeout: 15_000 });
    await byTest(mp, 'nav-stocks').click();
    await byTest(mp, 'my-stocks-page').waitFor();
    // Allocation runs right after registration, in the background: reload until the 5 are there.
    let codes = [];
    for (let i = 0; i < 30 && codes.length !== 5; i++) {
      await mp.locator('[data-test="my-stocks-table"], [data-test="my-stocks-empty"]').first().waitFor({ timeout: 15_000 });
      codes = (await byTest(mp, 'my-stock-code').allInnerTexts()).map((c) => c.trim());
      if (codes.length !== 5) {
        await mp.waitForTimeout(500);
        await mp.reload();
      }
    }
    assert.equal(codes.length, 5, `5 stocks on "my stocks", got ${codes.join(', ')}`);
    assert.ok(codes.every((c) => EXPECTED.has(c)), `all from the imported pool: ${codes.join(', ')}`);
    await mp.screenshot({ path: path.join(shotsDir, 'member-my-stocks.png'), fullPage: true });
    await mp.setViewportSize({ width: 375, height: 780 });
    await byTest(mp, 'my-stock-card').first().waitFor();
    assert.equal(await byTest(mp, 'my-stock-card').count(), 5);
    await mp.waitForTimeout(300);
    await mp.screenshot({ path: path.join(shotsDir, 'member-my-stocks-mobile.png'), fullPage: true });
    await member.close();

    // Pool detail: active, the holders chart over everyone's allocations.
    await page.goto(poolUrl);
    await byTest(page, 'pool-detail-page').waitFor();
    await byTest(page, 'holders-chart').locator('canvas').first().waitFor({ timeout: 15_000 });
    assert.match(await byTest(page, 'pool-detail-status').innerText(), /启用中/);
    assert.equal(await byTest(page, 'pool-item-row').count(), 30);
    assert.match(await byTest(page, 'holders-total').innerText(), /[1-9]\d* /);
    await settle(page);
    await shot('pools-detail');

    // The admin finds the member's allocations, opens the member view and checks a replay.
    await page.goto(`${baseUrl}/admin/allocations`);
    await byTest(page, 'allocation-row').first().waitFor({ timeout: 15_000 });
    await settle(page);
    await shot('pools-allocations');
    await page.locator('[data-test="alloc-username"]', { hasText: username }).first().click();
    await byTest(page, 'member-allocation-page').waitFor();
    await byTest(page, 'holding-row').nth(4).waitFor({ timeout: 15_000 });
    assert.equal(await byTest(page, 'member-username').innerText(), username);
    await byTest(page, 'draw-replay').first().click();
    await byTest(page, 'replay-ok').first().waitFor({ timeout: 15_000 });
    await settle(page);
    await shot('pools-member-replay');
  },
};
