// Market data: the admin sees every data source (the demo one labelled as demo data), checks one,
// runs a sync of the last week and watches it finish, and sees the stored trading days on the heat-map.
// The e2e app runs with demo data and no Tushare token: the demo source serves.
import assert from 'node:assert/strict';

const fill = async (page, test, value) => {
  const el = page.locator(`[data-test="${test}"]`);
  const input = (await el.evaluate((n) => n.tagName)) === 'INPUT' ? el : el.locator('input').first();
  await input.fill(value);
};

async function adminLogin(page, baseUrl, admin) {
  await page.goto(`${baseUrl}/admin/`);
  await page.locator('[data-test="login-page"]').waitFor();
  await fill(page, 'login-username', admin.username);
  await fill(page, 'login-password', admin.password);
  await page.locator('[data-test="login-submit"]').click();
  await page.locator('[data-test="header-username"]').waitFor({ timeout: 15_000 });
}

export const scenarios = {
  'admin sees data sources and runs a sync': async ({ page, baseUrl, admin, shot }) => {
    await adminLogin(page, baseUrl, admin);
    await page.locator('[data-test="menu-data-sources"]').click();
    await page.waitForURL((u) => u.pathname.endsWith('/admin/data-sources'));
    const demo = page.locator('[data-test="ds-card-demo"]');
    await demo.waitFor({ timeout: 15_000 });
    for (const name of ['tushare', 'akshare', 'demo']) await page.locator(`[data-test="ds-card-${name}"]`).waitFor();
    // Demo data is labelled as such; with no token or AKTools URL the real sources are off.
    assert.match(await demo.locator('[data-test="ds-synthetic"]').innerText(), /演示数据/);
    assert.match(await page.locator('[data-test="ds-state-demo"]').innerText(), /正常/);
    assert.match(await page.locator('[data-test="ds-state-tushare"]').innerText(), /已停用/);

    // Check now: the last-check time moves on. Before it reads "—", or a time when the scheduled
    // health check (every 5 minutes) happened to run since the app started.
    const lastCheck = page.locator('[data-test="ds-last-check-demo"]');
    const before = (await lastCheck.innerText()).trim();
    assert.match(before, /^(—|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})$/);
    await page.locator('[data-test="ds-check-demo"]').click();
    await page.waitForFunction((prev) => {
      const text = document.querySelector('[data-test="ds-last-check-demo"]')?.textContent?.trim() ?? '';
      return text !== prev && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text);
    }, before, { timeout: 15_000 });

    // The heat-map shows the seeded trading days.
    await page.locator('[data-test="coverage-chart"] canvas').first().waitFor({ timeout: 15_000 });
    await shot('admin-data-sources');

    // Sync the default range (the last week) and follow it to the end.
    await page.locator('[data-test="sync-start"]').click();
    await page.locator('[data-test="sync-job"]').waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => /已完成|失败/.test(document.querySelector('[data-test="sync-status"]')?.textContent ?? ''), null, { timeout: 60_000 });
    assert.match(await page.locator('[data-test="sync-status"]').innerText(), /已完成/);
    assert.match(await page.locator('[data-test="sync-calls"]').innerText(), /demo \d+/);
    assert.equal(await page.locator('[data-test="sync-progress"]').getAttribute('aria-valuenow'), '100');
    await page.locator('[data-test="sync-card"]').scrollIntoViewIfNeeded();
    await shot('admin-data-sources-synced');
  },
};
