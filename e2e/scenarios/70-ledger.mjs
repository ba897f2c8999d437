// Agents and the quota ledger: the demo agent signs in to the admin panel, sees its quota, gives
// ¥12.34 to its sub-agent through the money dialog (amount confirmed in yuan); an admin approves the
// sub-agent's pending withdrawal and runs the invariant check. Uses the demo agents (README).
import assert from 'node:assert/strict';

const byTest = (scope, test) => scope.locator(`[data-test="${test}"]`);
/** Fills an Element Plus input by the data-test on its wrapper (or on the input itself). */
const fill = async (scope, test, value) => {
  const el = byTest(scope, test).first();
  const tag = await el.evaluate((n) => n.tagName);
  const input = tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input, textarea').first();
  await input.fill(value);
  await input.press('Tab');
};
const AGENT = { username: 'agent_demo', password: 'Agent-demo-2026' };

async function login(page, baseUrl, who) {
  await page.goto(`${baseUrl}/admin/`);
  await byTest(page, 'login-page').waitFor();
  await fill(page, 'login-username', who.username);
  await fill(page, 'login-password', who.password);
  await byTest(page, 'login-submit').click();
  await byTest(page, 'header-username').waitFor({ timeout: 15_000 });
}

async function apiToken(baseUrl, who) {
  const r = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(who) });
  assert.equal(r.status, 200);
  return (await r.json()).accessToken;
}

async function balance(baseUrl, token) {
  const r = await fetch(`${baseUrl}/api/v1/ledger/accounts/me`, { headers: { authorization: `Bearer ${token}` } });
  return r.json();
}

export const scenarios = {
  'an agent sees its quota and transfers to its sub-agent': async ({ page, baseUrl, shot }) => {
    const token = await apiToken(baseUrl, AGENT);
    const before = await balance(baseUrl, token);
    await login(page, baseUrl, AGENT);
    await page.goto(`${baseUrl}/admin/ledger`);
    await byTest(page, 'balance-available').waitFor();
    await byTest(page, 'recent-movements').locator('tbody tr').first().waitFor({ timeout: 15_000 });
    await shot('agent-ledger-overview');
    await page.goto(`${baseUrl}/admin/ledger/transfers`);
    await byTest(page, 'transfer-row').first().waitFor({ timeout: 15_000 });
    await byTest(page, 'transfer-new').click();
    const dialog = byTest(page, 'money-dialog');
    await dialog.waitFor();
    await fill(dialog, 'transfer-to', 'agent_sub');
    await fill(dialog, 'money-amount', '12.34');
    await byTest(page, 'money-submit').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    assert.match(await box.innerText(), /12\.34/);
    await box.locator('.el-button--primary').click();
    for (let i = 0; i < 50; i++) {
      const now = await balance(baseUrl, token);
      if (now.availableFen === before.availableFen - 1234) return;
      await page.waitForTimeout(200);
    }
    assert.fail('the transfer did not move ¥12.34');
  },

  'an admin approves a withdrawal and checks the ledger': async ({ page, baseUrl, admin, shot }) => {
    await login(page, baseUrl, admin);
    await page.goto(`${baseUrl}/admin/ledger/withdrawals`);
    const row = byTest(page, 'withdrawal-row').filter({ hasText: 'agent_sub' }).first();
    await row.waitFor({ timeout: 15_000 });
    await shot('admin-withdrawals');
    await byTest(row, 'withdrawal-approve').click();
    await page.locator('.el-message-box .el-button--primary').click();
    await page.goto(`${baseUrl}/admin/ledger/check`);
    await byTest(page, 'ledger-check-run').click();
    const result = byTest(page, 'ledger-check-result');
    await result.waitFor({ timeout: 15_000 });
    assert.match(await result.innerText(), /不变量成立/);
    await shot('admin-ledger-check');
  },
};
