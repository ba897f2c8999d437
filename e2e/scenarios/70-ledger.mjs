// Agents and the quota ledger: the demo agent signs in to the admin panel, sees its quota, gives
// ¥12.34 to its sub-agent through the money dialog (amount confirmed in yuan); an admin approves the
// sub-agent's pending withdrawal and runs the invariant check. Uses the demo agents (README).
import assert from 'node:assert/strict';
import { adminLogin as login, api, apiToken, byTest, DEMO_AGENT as AGENT, fill, untilChanged } from '../helpers.mjs';

const balance = async (baseUrl, token) => (await api(baseUrl, '/ledger/accounts/me', { token })).body;

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
    const after = await untilChanged(page, async () => (await balance(baseUrl, token)).availableFen, before.availableFen);
    assert.equal(after, before.availableFen - 1234, 'the transfer moves ¥12.34');
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
