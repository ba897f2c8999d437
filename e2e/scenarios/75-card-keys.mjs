// Card keys (卡密): the demo agent generates a batch of two VIP1 × 3 months keys in the admin panel
// (cost previewed, paid from its quota: the balance falls by exactly the quoted price), downloads
// the CSV export (2 rows, trailing count and checksum); a fresh member redeems the first key on the
// member app and sees VIP1 with an expiry about 3 months out; the agent voids the batch (only the
// second key is still unused: one key's price comes back); the member's try with the voided key is
// refused with "已作废". Uses the demo agent (README); registers its own member; no random draws.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { adminLogin, api, apiToken, byTest, DEMO_AGENT as AGENT, fill, memberLogin as signIn, registerMember, settle, untilChanged } from '../helpers.mjs';

/** Sets an el-input-number by the id of its inner input. */
const setNumber = async (page, id, value) => {
  const input = page.locator(`#${id}`);
  await input.fill(String(value));
  await input.press('Tab');
};
const LEVEL = 1;
const MONTHS = 3;
const COUNT = 2;
const MONTH_MS = 30.44 * 86_400_000;

const available = async (baseUrl, token) => (await api(baseUrl, '/ledger/accounts/me', { token })).body.availableFen;

/** Signs the member in and opens the account page with its redeem box. */
async function memberLogin(page, baseUrl, member) {
  await signIn(page, baseUrl, member);
  await page.goto(`${baseUrl}/account`);
  await byTest(page, 'redeem-box').waitFor({ timeout: 15_000 });
}

async function redeemOnAccount(page, code) {
  await fill(page, 'redeem-code', code);
  await byTest(page, 'redeem-submit').click();
  await page.locator('[data-test="redeem-success"], [data-test="redeem-error"]').first().waitFor({ timeout: 15_000 });
}

/** `YYYY-MM-DD` (Beijing) anywhere in the text, as a Date at noon Beijing. */
function parseDay(text) {
  const m = /(\d{4}-\d{2}-\d{2})/.exec(text);
  assert.ok(m, `a date in "${text}"`);
  return new Date(`${m[1]}T12:00:00+08:00`);
}

function assertAboutMonthsOut(date, months, label) {
  const got = (date.getTime() - Date.now()) / MONTH_MS;
  assert.ok(Math.abs(got - months) < 0.1, `${label}: ${date.toISOString()} is ~${months} months out (got ${got.toFixed(2)})`);
}

/** The newest batch in the list (newest first) must be the one just made. */
const newestRow = (page) => byTest(page, 'card-batch-row').first();

export const scenarios = {
  'the demo agent generates a batch paid from its quota and exports it': async ({ page, baseUrl, state, shot }) => {
    const token = await apiToken(baseUrl, AGENT);
    const quote = (await api(baseUrl, `/agent/card-prices/quote?level=${LEVEL}&months=${MONTHS}&count=${COUNT}`, { token })).body;
    assert.ok(Number.isInteger(quote.costFen) && quote.costFen > 0 && quote.costFen === quote.unitPriceFen * COUNT, `a price for VIP${LEVEL} × ${MONTHS} months: ${JSON.stringify(quote)}`);
    const before = await available(baseUrl, token);
    assert.ok(before >= quote.costFen, 'the demo agent can afford two keys');

    await adminLogin(page, baseUrl, AGENT);
    await page.goto(`${baseUrl}/admin/card-batches`);
    await byTest(page, 'card-generate').waitFor({ timeout: 15_000 });
    await settle(page);
    await shot('agent-card-batches');
    await byTest(page, 'card-generate').click();
    const dialog = page.locator('.el-dialog').filter({ has: byTest(page, 'card-generate-submit') });
    await dialog.waitFor();
    await setNumber(page, 'ck-level', LEVEL);
    await setNumber(page, 'ck-months', MONTHS);
    await setNumber(page, 'ck-count', COUNT);
    const yuan = (fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    await page.waitForFunction(([sel, text]) => document.querySelector(sel)?.textContent?.trim() === text, ['[data-test="card-cost-preview"]', yuan(quote.costFen)], { timeout: 15_000 });
    await settle(page);
    await shot('agent-card-generate');
    await byTest(page, 'card-generate-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    // paid from the quota: exactly the quoted price
    const after = await untilChanged(page, () => available(baseUrl, token), before);
    assert.equal(after, before - quote.costFen, 'the quota falls by the price of the batch');

    const list = (await api(baseUrl, '/agent/card-batches?page=1&pageSize=1&sort=createdAt:desc', { token })).body;
    const batch = list.items[0];
    assert.equal(batch.count, COUNT);
    assert.equal(batch.costFen, quote.costFen);

    // the new batch is the list's first row; export it as CSV through the browser's download
    await byTest(newestRow(page), 'card-export-csv').waitFor({ timeout: 15_000 });
    assert.match(await newestRow(page).innerText(), new RegExp(`VIP${LEVEL}`));
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), byTest(newestRow(page), 'card-export-csv').click()]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\ufeff/, '');
    const lines = csv.split('\r\n').filter(Boolean);
    assert.match(lines[0], /^batch_id,code,/);
    const rows = lines.slice(1, -1).map((l) => l.split(','));
    assert.equal(rows.length, COUNT, 'one row per key');
    for (const r of rows) {
      assert.equal(r[0], batch.id);
      assert.match(r[1], /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      assert.equal(r[5], 'unused');
    }
    const total = lines.at(-1).split(',');
    assert.deepEqual(total.slice(0, 3), ['#total', String(COUNT), 'sha256']);
    assert.equal(total[3], createHash('sha256').update(rows.map((r) => `${r[1]}\n`).join('')).digest('hex'), 'the checksum covers the codes');
    await settle(page);
    await shot('agent-card-batches-new');
    state.cardKeys = { batchId: batch.id, codes: rows.map((r) => r[1]), unitPriceFen: quote.unitPriceFen };
  },

  'a member redeems a key on the member app and sees the new VIP expiry': async ({ page, baseUrl, state, shot }) => {
    assert.ok(state.cardKeys, 'the previous scenario made the keys');
    const member = await registerMember(baseUrl, 'ck', (username) => ({ email: `${username}@example.com` }));
    state.cardKeys.member = member;

    await memberLogin(page, baseUrl, member);
    await settle(page);
    await shot('member-account-redeem');
    // pasted the way people paste: lower case, spaces instead of dashes
    await redeemOnAccount(page, ` ${state.cardKeys.codes[0].toLowerCase().replaceAll('-', ' ')} `);
    const ok = byTest(page, 'redeem-success');
    assert.ok(await ok.isVisible(), `redeemed: ${await byTest(page, 'redeem-error').innerText().catch(() => '')}`);
    const text = await ok.innerText();
    assert.match(text, /兑换成功/);
    assertAboutMonthsOut(parseDay(text), MONTHS, 'the expiry in the success message');
    await page.locator(`[data-test="account-vip-level"][data-level="${LEVEL}"]`).waitFor({ timeout: 15_000 });
    assertAboutMonthsOut(parseDay(await byTest(page, 'account-vip-expiry').innerText()), MONTHS, 'the account expiry');
    await settle(page);
    await shot('member-account-redeemed');
  },

  'the agent voids the batch: the unused key is refunded': async ({ page, baseUrl, state, shot }) => {
    assert.ok(state.cardKeys, 'the first scenario made the keys');
    const token = await apiToken(baseUrl, AGENT);
    const before = await available(baseUrl, token);
    await adminLogin(page, baseUrl, AGENT);
    await page.goto(`${baseUrl}/admin/card-batches`);
    await byTest(newestRow(page), 'card-void').waitFor({ timeout: 15_000 });
    assert.match(await newestRow(page).innerText(), /1 \/ 1 \/ 0/, 'one unused, one used, none voided');
    await byTest(newestRow(page), 'card-void').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    await settle(page);
    // Element Plus' stock confirm box over its dark mask: axe measures the title against the mask
    // while the box fades in (a false 1.38 contrast); the page itself is checked by the shots around it.
    await shot('agent-card-void-confirm', { axe: false });
    await box.locator('.el-button--primary').click();
    await box.waitFor({ state: 'hidden' });
    const after = await untilChanged(page, () => available(baseUrl, token), before);
    assert.equal(after, before + state.cardKeys.unitPriceFen, 'one key’s price comes back');
    const b = (await api(baseUrl, `/agent/card-batches/${state.cardKeys.batchId}`, { token })).body;
    assert.equal(b.voidedCount, 1);
    await page.waitForFunction(() => /0 \/ 1 \/ 1/.test(document.querySelector('[data-test="card-batch-row"]')?.textContent ?? ''), null, { timeout: 15_000 });
    await settle(page);
    await shot('agent-card-batches-voided');
  },

  'the voided key is refused with a clear message': async ({ page, baseUrl, state, shot }) => {
    assert.ok(state.cardKeys?.member, 'the member scenario ran');
    await memberLogin(page, baseUrl, state.cardKeys.member);
    await redeemOnAccount(page, state.cardKeys.codes[1]);
    const err = byTest(page, 'redeem-error');
    assert.ok(await err.isVisible(), 'an error, not a success');
    assert.match(await err.innerText(), /作废/);
    // nothing changed: still VIP1 with the first key's expiry
    await page.locator(`[data-test="account-vip-level"][data-level="${LEVEL}"]`).waitFor({ timeout: 15_000 });
    await settle(page);
    await shot('member-account-redeem-void');
  },
};
