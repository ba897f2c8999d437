// Payments (issue 14): a new member buys VIP1 through the WeChat Pay QR flow with the dev
// simulator that `npm start` runs with demo data: level card → confirm (price, term, new expiry,
// risk notice) → QR with countdown → "simulate scan" (dev only) → signed, encrypted callback →
// success view with the new expiry → "my orders" shows it paid. Then the admin finds the order,
// opens its timeline and the revenue chart is on the dashboard.
import assert from 'node:assert/strict';
import { adminLogin, byTest, memberLogin, registerMember, settle } from '../helpers.mjs';

const MONTH_MS = 30.44 * 86_400_000;

export const scenarios = {
  'a new member buys VIP1 with the simulated QR flow and sees the new expiry': async ({ page, baseUrl, state, shot }) => {
    const cfg = await (await fetch(`${baseUrl}/api/v1/payments/config`)).json();
    assert.deepEqual([cfg.enabled, cfg.simulator], [true, true], 'demo data turns the WeChat Pay simulator on');
    const member = await registerMember(baseUrl, 'p');
    await memberLogin(page, baseUrl, member);

    await page.goto(`${baseUrl}/vip`);
    const card = page.locator('[data-test="vip-compare-card"][data-level="1"]');
    await card.waitFor();
    await byTest(card, 'vip-buy').click();
    const dialog = byTest(page, 'buy-dialog');
    await byTest(dialog, 'buy-price').waitFor();
    assert.match(await byTest(dialog, 'buy-price').innerText(), /¥\s*299\.00/);
    assert.match(await byTest(dialog, 'buy-new-expiry').innerText(), /\d{4}-\d{2}-\d{2}/);
    assert.equal(await byTest(dialog, 'buy-pay').isDisabled(), true, 'paying needs the risk notice acknowledged');
    await settle(page);
    await shot('payments-confirm');
    await byTest(dialog, 'buy-risk-ack').click();
    await byTest(dialog, 'buy-pay').click();

    await byTest(dialog, 'buy-qr-image').waitFor({ timeout: 15_000 });
    const src = await byTest(dialog, 'buy-qr-image').getAttribute('src');
    assert.ok(src?.startsWith('data:image/png;base64,'), 'the QR is rendered as an image');
    assert.match(await byTest(dialog, 'buy-countdown').innerText(), /(1[01]\d|[0-9]{2}):\d{2}/);
    assert.match(await byTest(dialog, 'buy-simulator').innerText(), /开发|模拟/);
    await settle(page);
    await shot('payments-qr');
    await byTest(dialog, 'buy-simulate').click();

    await byTest(dialog, 'buy-success').waitFor({ timeout: 20_000 });
    const text = await byTest(dialog, 'buy-success-expiry').innerText();
    const m = /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/.exec(text);
    assert.ok(m, `an expiry in "${text}"`);
    const months = (new Date(`${m[1]}T${m[2]}:00+08:00`).getTime() - Date.now()) / MONTH_MS;
    assert.ok(months > 2.9 && months < 3.1, `the new expiry is ~3 months out (${months.toFixed(2)})`);
    await settle(page);
    await shot('payments-success');
    await byTest(dialog, 'buy-done').click();

    await page.goto(`${baseUrl}/orders`);
    const row = byTest(page, 'order-row').first();
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'paid');
    await settle(page);
    await shot('payments-my-orders');
    state.paymentsBuyer = member.username;
  },

  'the admin sees the paid order, its timeline and the revenue chart': async ({ page, baseUrl, admin, state, shot }) => {
    await adminLogin(page, baseUrl, admin);
    await byTest(page, 'dashboard-revenue-chart').waitFor({ timeout: 15_000 });
    await page.goto(`${baseUrl}/admin/payments/orders`);
    const row = byTest(page, 'payment-order-row').first();
    await row.waitFor({ timeout: 15_000 });
    if (state.paymentsBuyer) assert.match(await page.locator('body').innerText(), new RegExp(state.paymentsBuyer));
    await settle(page);
    await shot('admin-payments-orders');
    await byTest(row, 'payment-order-open').click();
    const timeline = byTest(page, 'payment-timeline');
    await timeline.waitFor({ timeout: 15_000 });
    assert.match(await timeline.innerText(), /notify|回调/i);
    await settle(page);
    await shot('admin-payment-detail');
  },
};
