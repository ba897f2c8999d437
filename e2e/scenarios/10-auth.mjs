// Foundation: a member registers and sees the account page; an admin logs in and sees the users list.
import assert from 'node:assert/strict';

const fill = async (page, test, value) => {
  const el = page.locator(`[data-test="${test}"]`);
  const input = (await el.evaluate((n) => n.tagName)) === 'INPUT' ? el : el.locator('input').first();
  await input.fill(value);
};

export const scenarios = {
  'member registers and sees the account page': async ({ page, baseUrl, state, shot }) => {
    const username = `m${Date.now().toString(36)}`;
    state.member = { username, password: 'member-pass-1' };
    await page.goto(`${baseUrl}/register`);
    await page.locator('[data-test="register-page"]').waitFor();
    await fill(page, 'register-username', username);
    await fill(page, 'register-email', `${username}@example.com`);
    await fill(page, 'register-password', state.member.password);
    await fill(page, 'register-password-confirm', state.member.password);
    await page.locator('[data-test="register-risk"]').click();
    await shot('member-register');
    await page.locator('[data-test="register-submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/register'), { timeout: 15_000 });
    if (!page.url().includes('/account')) await page.goto(`${baseUrl}/account`);
    await page.locator('[data-test="account-username"]').waitFor({ timeout: 15_000 });
    assert.equal((await page.locator('[data-test="account-username"]').innerText()).trim(), username);
    assert.match(await page.locator('[data-test="account-vip-level"]').innerText(), /免费|0/);
    await shot('member-account');
  },

  'member signs out and back in': async ({ page, baseUrl, state, shot }) => {
    await page.goto(`${baseUrl}/login`);
    await fill(page, 'login-username', state.member.username);
    await fill(page, 'login-password', state.member.password);
    await page.locator('[data-test="login-submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
    await page.goto(`${baseUrl}/account`);
    await page.locator('[data-test="account-username"]').waitFor();
    assert.equal((await page.locator('[data-test="account-username"]').innerText()).trim(), state.member.username);
    await page.setViewportSize({ width: 375, height: 780 });
    await shot('member-account-mobile');
  },

  'admin logs in and sees the users list': async ({ page, baseUrl, admin, state, shot }) => {
    await page.goto(`${baseUrl}/admin/`);
    await page.locator('[data-test="login-page"]').waitFor();
    await fill(page, 'login-username', admin.username);
    await fill(page, 'login-password', admin.password);
    await shot('admin-login');
    await page.locator('[data-test="login-submit"]').click();
    await page.locator('[data-test="header-username"]').waitFor({ timeout: 15_000 });
    await page.goto(`${baseUrl}/admin/users`);
    await page.locator('[data-test="user-row"]').first().waitFor({ timeout: 15_000 });
    const rows = await page.locator('[data-test="user-row"]').allInnerTexts();
    assert.ok(rows.some((r) => r.includes(state.member.username)), `users list shows ${state.member.username}`);
    assert.ok(rows.some((r) => r.includes(admin.username)), 'users list shows the admin');
    await shot('admin-users');
  },
};
