// VIP: an admin grants VIP2 for 3 months to a member from the users page; the member's account
// then shows VIP2, an expiry about 3 months out and the grant in the history. Also screenshots the
// VIP levels page, the operation log and the member's level comparison page.
// Self-sufficient: registers its own member over the API when 10-auth did not run first.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const shotsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const MONTH_MS = 30.44 * 86_400_000;

const byTest = (scope, test) => scope.locator(`[data-test="${test}"]`);

/** Fills an Element Plus input by the data-test on its wrapper (or on the input itself). */
const fill = async (scope, test, value) => {
  const el = byTest(scope, test).first();
  const tag = await el.evaluate((n) => n.tagName);
  const input = tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input, textarea').first();
  await input.fill(value);
  await input.press('Tab');
};

/** Lets toasts fade out and Element Plus' enter transitions (tags, dialogs) finish before a screenshot. */
async function settle(page) {
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 6_000 }).catch(() => undefined);
  await page.waitForTimeout(400);
}

async function ensureMember(baseUrl, state) {
  if (state.member) return state.member;
  const username = `v${Date.now().toString(36)}`;
  const password = 'member-pass-1';
  const res = await fetch(`${baseUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, email: `${username}@example.com`, riskAck: true }),
  });
  assert.equal(res.status, 201, `registering ${username}: ${res.status} ${await res.text()}`);
  state.member = { username, password };
  return state.member;
}

/** `YYYY-MM-DD HH:mm` (Beijing) as a Date. */
function parseBeijing(text) {
  const m = /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/.exec(text);
  assert.ok(m, `a Beijing date-time in "${text}"`);
  return new Date(`${m[1]}T${m[2]}:00+08:00`);
}

function assertAboutThreeMonthsOut(date, label) {
  const months = (date.getTime() - Date.now()) / MONTH_MS;
  assert.ok(months > 2.9 && months < 3.1, `${label}: ${date.toISOString()} is ~3 months out (got ${months.toFixed(2)} months)`);
}

async function adminLogin(page, baseUrl, admin) {
  await page.goto(`${baseUrl}/admin/`);
  await byTest(page, 'login-page').waitFor();
  await fill(page, 'login-username', admin.username);
  await fill(page, 'login-password', admin.password);
  await byTest(page, 'login-submit').click();
  await byTest(page, 'header-username').waitFor({ timeout: 15_000 });
}

/** Searches the users list and waits until it shows exactly that one user. */
async function findUser(page, username) {
  await fill(page, 'users-q', username);
  await byTest(page, 'users-search').click();
  await page.waitForFunction(
    (name) => {
      const rows = document.querySelectorAll('[data-test="user-row"]');
      return rows.length === 1 && rows[0].textContent.includes(name);
    },
    username,
    { timeout: 15_000 },
  );
  return byTest(page, 'user-row').filter({ hasText: username });
}

/** Opens the row's "more" menu and picks an action. */
async function rowAction(page, row, action) {
  await byTest(row, 'more-button').click();
  const item = page.locator(`[data-test="${action}"]:visible`);
  await item.waitFor();
  await item.click();
}

export const scenarios = {
  'admin grants VIP2 to a member; the member account shows it': async ({ page, browser, baseUrl, admin, state, shot }) => {
    const member = await ensureMember(baseUrl, state);

    // --- admin: sign in, find the member, grant VIP2 × 3 months
    await adminLogin(page, baseUrl, admin);
    await byTest(page, 'menu-vip-levels').waitFor();
    await byTest(page, 'menu-operation-logs').waitFor();
    await page.goto(`${baseUrl}/admin/users`);
    await byTest(page, 'user-row').first().waitFor({ timeout: 15_000 });
    // the list reloads with only the member (it may already have been on the first page)
    const row = await findUser(page, member.username);

    await byTest(row, 'grant-button').click();
    const dialog = byTest(page, 'grant-dialog');
    await dialog.waitFor();
    await byTest(dialog, 'grant-current').waitFor();
    await byTest(dialog, 'grant-level').click();
    await byTest(page, 'grant-level-option-2').click();
    await fill(dialog, 'grant-months', '3');
    await fill(dialog, 'grant-reason', 'e2e: 活动赠送');
    const preview = dialog.locator('[data-test="grant-preview"][data-kind="new"]');
    await preview.waitFor();
    assert.match(await preview.innerText(), /VIP2/);
    await settle(page);
    await shot('admin-grant-dialog');
    await byTest(dialog, 'grant-submit').click();
    const newExpiry = byTest(dialog, 'grant-new-expiry');
    await newExpiry.waitFor({ timeout: 15_000 });
    assertAboutThreeMonthsOut(parseBeijing(await newExpiry.innerText()), 'new expiry in the dialog');
    await settle(page);
    await shot('admin-grant-done');
    await byTest(dialog, 'grant-close').click();
    await dialog.waitFor({ state: 'hidden' });
    // the row shows the new level without a reload
    await row.locator('[data-test="user-vip-level"][data-level="2"]').waitFor();
    await settle(page);
    await shot('admin-users-after-grant');

    // the detail drawer shows the membership and the grant history
    await byTest(row, 'detail-button').click();
    const drawer = byTest(page, 'user-drawer');
    await byTest(drawer, 'grant-history-row').first().waitFor({ timeout: 15_000 });
    assert.match(await byTest(drawer, 'detail-effective-level').innerText(), /VIP2/);
    await settle(page);
    await shot('admin-user-detail');
    await page.keyboard.press('Escape');
    await drawer.locator('.el-drawer').waitFor({ state: 'hidden' }).catch(() => undefined);

    // --- admin: the VIP levels page (with an inline validation message shown, then reverted)
    await page.goto(`${baseUrl}/admin/vip-levels`);
    await byTest(page, 'vip-level-row').first().waitFor({ timeout: 15_000 });
    assert.equal(await byTest(page, 'vip-level-row').count(), 5, 'five levels');
    const level1 = byTest(page, 'vip-level-row').nth(1);
    await fill(level1, 'level-price', '12.345');
    await level1.locator('.field-error').waitFor();
    await shot('admin-vip-levels-validation');
    await byTest(level1, 'level-revert').click();
    await page.waitForFunction(() => document.querySelectorAll('.field-error').length === 0);
    await page.locator('body').click({ position: { x: 5, y: 850 } }); // no focus ring in the screenshot
    await settle(page);
    await shot('admin-vip-levels');

    // --- admin: the operation log has the grant; expand it to see the before/after diff
    await page.goto(`${baseUrl}/admin/operation-logs`);
    const logRow = byTest(page, 'oplog-row').first();
    await logRow.waitFor({ timeout: 15_000 });
    assert.match(await byTest(logRow, 'oplog-action').getAttribute('data-action'), /^vip\.grant$/);
    assert.match(await byTest(logRow, 'oplog-action').innerText(), /授予 VIP|Grant VIP/, 'the action is shown by its name, not its code');
    await logRow.locator('.el-table__expand-icon').click();
    await byTest(page, 'json-diff').first().waitFor();
    const changed = await page.locator('[data-test="diff-key"][data-status="changed"]').allInnerTexts();
    assert.ok(changed.some((k) => k.includes('level')), `the diff marks "level" as changed (${changed.join(', ')})`);
    await settle(page);
    await shot('admin-operation-logs');

    // --- admin, in English: the dialog explains an upgrade with credit and refuses a downgrade (member is VIP2 now)
    await page.evaluate(() => localStorage.setItem('zhice.locale', 'en'));
    await page.goto(`${baseUrl}/admin/users`);
    await findUser(page, member.username);
    await byTest(page, 'grant-button').click();
    await byTest(dialog, 'grant-current').waitFor();
    // the active level is preselected: an extension
    await dialog.locator('[data-test="grant-preview"][data-kind="extend"]').waitFor();
    await byTest(dialog, 'grant-level').click();
    await byTest(page, 'grant-level-option-4').click();
    const upgrade = dialog.locator('[data-test="grant-preview"][data-kind="upgrade"]');
    await upgrade.waitFor();
    assert.match(await upgrade.innerText(), /converted by price into [\d.]+ days/);
    await settle(page);
    await shot('admin-grant-upgrade-en');
    await byTest(dialog, 'grant-level').click();
    await byTest(page, 'grant-level-option-1').click();
    await dialog.locator('[data-test="grant-preview"][data-kind="refused"]').waitFor();
    assert.ok(await byTest(dialog, 'grant-submit').isDisabled(), 'a downgrade cannot be submitted');
    await settle(page);
    await shot('admin-grant-downgrade-en');
    await byTest(dialog, 'grant-cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.evaluate(() => localStorage.setItem('zhice.locale', 'zh-CN'));

    // --- member, in a fresh browser context: the account shows VIP2
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const memberPage = await context.newPage();
    const errors = [];
    memberPage.on('pageerror', (e) => errors.push(e.message));
    const memberShot = (name) => memberPage.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
    try {
      await memberPage.goto(`${baseUrl}/login`);
      await byTest(memberPage, 'login-page').waitFor();
      await fill(memberPage, 'login-username', member.username);
      await fill(memberPage, 'login-password', member.password);
      await byTest(memberPage, 'login-submit').click();
      await memberPage.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
      if (!memberPage.url().includes('/account')) await memberPage.goto(`${baseUrl}/account`);

      await memberPage.locator('[data-test="account-vip-level"][data-level="2"]').waitFor({ timeout: 15_000 });
      assert.match(await byTest(memberPage, 'account-vip-level').innerText(), /VIP2/);
      assertAboutThreeMonthsOut(parseBeijing(await byTest(memberPage, 'account-vip-expiry').innerText()), 'account expiry');
      assert.match(await byTest(memberPage, 'account-days-left').innerText(), /\d+/);
      const grantRow = byTest(memberPage, 'account-grant-row').first();
      await grantRow.waitFor({ timeout: 15_000 });
      assert.match(await grantRow.innerText(), /VIP2/);
      assert.equal(await byTest(memberPage, 'account-grant-row').count(), 1, 'one grant in the history');
      await settle(memberPage);
      await memberShot('member-account-vip');

      await memberPage.setViewportSize({ width: 375, height: 780 });
      // The layout follows a matchMedia change event, a frame or more after the resize: wait for the
      // card itself (the table's row still matches the test id until the switch).
      await memberPage.locator('li[data-test="account-grant-row"]').first().waitFor({ timeout: 15_000 });
      assert.equal(await memberPage.locator('li[data-test="account-grant-row"]').count(), 1, 'a card on phones');
      assert.equal(await memberPage.locator('tr[data-test="account-grant-row"]').count(), 0, 'no table row on phones');
      await settle(memberPage);
      await memberShot('member-account-vip-mobile');

      // the comparison page highlights VIP2; lower levels cannot be bought, higher ones can (dev simulator)
      await byTest(memberPage, 'upgrade-link').click();
      await memberPage.locator('[data-test="vip-compare-card"][data-current="true"]').waitFor({ timeout: 15_000 });
      assert.equal(await memberPage.locator('[data-test="vip-compare-card"][data-current="true"]').getAttribute('data-level'), '2');
      assert.ok((await byTest(memberPage, 'vip-compare-card').count()) >= 4, 'the enabled levels are compared');
      assert.ok(await byTest(memberPage, 'vip-buy-lower').first().isDisabled(), 'a level below the current one cannot be bought');
      assert.equal(await byTest(memberPage, 'vip-buy').first().isDisabled(), false, 'higher levels can be bought (WeChat Pay simulator with demo data)');
      await settle(memberPage);
      await memberShot('member-vip-levels-mobile');
      await memberPage.setViewportSize({ width: 1280, height: 860 });
      await settle(memberPage);
      await memberShot('member-vip-levels');
      if (errors.length) throw new Error(`uncaught page errors (member): ${errors.join(' | ')}`);
    } finally {
      await context.close();
    }
  },

  'admin creates an agent, edits e-mail, resets the password, disables and enables; edits a VIP level': async ({ page, baseUrl, admin, shot }) => {
    await adminLogin(page, baseUrl, admin);
    await page.goto(`${baseUrl}/admin/users`);
    await byTest(page, 'user-row').first().waitFor({ timeout: 15_000 });

    // create an agent: the password policy is checked before sending
    const agent = `ag${Date.now().toString(36)}`;
    await byTest(page, 'create-user').click();
    const create = byTest(page, 'create-user-dialog');
    await create.waitFor();
    await fill(create, 'create-username', agent);
    await fill(create, 'create-password', '12345678');
    await create.locator('.el-form-item__error').filter({ hasText: /8/ }).waitFor();
    await fill(create, 'create-password', 'agent-pass-1');
    await fill(create, 'create-email', `${agent}@example.com`);
    await settle(page);
    await shot('admin-create-user');
    await byTest(create, 'create-submit').click();
    await create.waitFor({ state: 'hidden' });
    const row = await findUser(page, agent);
    assert.match(await row.innerText(), /代理/);
    assert.ok(await byTest(row, 'grant-button').isDisabled(), 'agents cannot be granted VIP');

    // edit the e-mail
    await rowAction(page, row, 'action-email');
    const email = byTest(page, 'edit-email-dialog');
    await fill(email, 'edit-email-input', `${agent}.new@example.com`);
    await byTest(email, 'edit-email-submit').click();
    await email.waitFor({ state: 'hidden' });
    await row.filter({ hasText: `${agent}.new@example.com` }).waitFor();

    // reset the password: the generated one is shown once
    await rowAction(page, row, 'action-password');
    const reset = byTest(page, 'reset-password-dialog');
    await byTest(reset, 'reset-submit').click();
    const generated = byTest(reset, 'generated-password'); // Element Plus puts data-test on the <input> itself
    await generated.waitFor();
    const password = await generated.inputValue();
    assert.ok(password.length >= 8, `a generated password (${password.length} chars)`);
    await settle(page);
    await shot('admin-reset-password');
    await byTest(reset, 'reset-close').click();
    await reset.waitFor({ state: 'hidden' });
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: agent, password }),
    });
    assert.equal(login.status, 200, 'the agent signs in with the generated password');

    // disable (with confirmation), then enable again
    await rowAction(page, row, 'action-status');
    await page.locator('.el-message-box .el-button--primary').click();
    await row.locator('[data-test="user-status"]').filter({ hasText: '已停用' }).waitFor();
    await rowAction(page, row, 'action-status');
    await page.locator('.el-message-box .el-button--primary').click();
    await row.locator('[data-test="user-status"]').filter({ hasText: '正常' }).waitFor();

    // edit a VIP level's description, save, and put it back
    await page.goto(`${baseUrl}/admin/vip-levels`);
    const level3 = byTest(page, 'vip-level-row').nth(3);
    await level3.waitFor({ timeout: 15_000 });
    const textarea = byTest(level3, 'level-description'); // on the <textarea> itself
    const original = await textarea.inputValue();
    const updatedBefore = await byTest(level3, 'level-updated-at').innerText();
    await textarea.fill(`${original}（e2e）`);
    await byTest(level3, 'level-save').click();
    await page.waitForFunction((before) => {
      const el = document.querySelectorAll('[data-test="vip-level-row"]')[3]?.querySelector('[data-test="level-updated-at"]');
      return el && el.textContent.trim() !== before.trim();
    }, updatedBefore);
    assert.ok(await byTest(level3, 'level-save').isDisabled(), 'nothing left to save');
    await textarea.fill(original);
    await byTest(level3, 'level-save').click();
    await page.waitForFunction(() => {
      const btn = document.querySelectorAll('[data-test="vip-level-row"]')[3]?.querySelector('[data-test="level-save"]');
      return btn && btn.disabled;
    });

    // a new stock quota re-allocates the level's members: it is confirmed first, and cancelling sends nothing
    await page.waitForFunction(() => {
      const btn = document.querySelectorAll('[data-test="vip-level-row"]')[3]?.querySelector('[data-test="level-save"]');
      return btn && btn.disabled && !btn.classList.contains('is-loading'); // the save above has answered
    });
    const updatedNow = await byTest(level3, 'level-updated-at').innerText();
    await byTest(level3, 'level-strategy').fill('cho_e2e');
    await byTest(level3, 'level-save').click();
    const impact = page.locator('.el-message-box [data-test="level-impact"]');
    await impact.waitFor();
    assert.match(await impact.innerText(), /信号策略从 \S+ 改为 cho_e2e/);
    await page.locator('.el-message-box .el-button:not(.el-button--primary)').click();
    await impact.waitFor({ state: 'hidden' });
    assert.equal(await byTest(level3, 'level-updated-at').innerText(), updatedNow, 'cancelled: nothing saved');
    await byTest(level3, 'level-revert').click();

    // every action is in the operation log
    await page.goto(`${baseUrl}/admin/operation-logs`);
    await byTest(page, 'oplog-row').first().waitFor({ timeout: 15_000 });
    const actions = await page.locator('[data-test="oplog-action"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    for (const action of ['user.create', 'user.update', 'user.password_reset', 'user.disable', 'user.enable', 'vip_level.update']) {
      assert.ok(actions.includes(action), `operation log has ${action}`);
    }
  },
};
