// Shared steps of the e2e scenarios (money scenarios 70/75 use them; others may adopt them):
// locating by data-test, filling Element Plus inputs, letting toasts settle, signing in to either
// app, calling the API, registering a member and polling until a value changes.
import assert from 'node:assert/strict';

/** The demo agent that demo data creates (README). */
export const DEMO_AGENT = { username: 'agent_demo', password: 'Agent-demo-2026' };

export const byTest = (scope, test) => scope.locator(`[data-test="${test}"]`);

/** Fills an Element Plus input by the data-test on its wrapper (or on the input itself). */
export async function fill(scope, test, value) {
  const el = byTest(scope, test).first();
  const tag = await el.evaluate((n) => n.tagName);
  const input = tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input, textarea').first();
  await input.fill(value);
  await input.press('Tab');
}

/** Lets toasts fade out and enter transitions finish before a screenshot. */
export async function settle(page) {
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 6_000 }).catch(() => undefined);
  await page.waitForTimeout(400);
}

/** JSON in and out against /api/v1. */
export async function api(baseUrl, path, { token, method = 'GET', body } = {}) {
  const r = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, body: await r.json().catch(() => null) };
}

/** An access token for `{ username, password }`. */
export async function apiToken(baseUrl, who) {
  const r = await api(baseUrl, '/auth/login', { method: 'POST', body: who });
  assert.equal(r.status, 200, `login ${who.username}: ${r.status}`);
  return r.body.accessToken;
}

/** Registers a fresh member over the API (`${prefix}<time>`, more fields from `extra(username)`); its `{ username, password }`. */
export async function registerMember(baseUrl, prefix, extra = () => ({})) {
  const username = `${prefix}${Date.now().toString(36)}`;
  const member = { username, password: 'member-pass-1' };
  const r = await api(baseUrl, '/auth/register', { method: 'POST', body: { ...member, riskAck: true, ...extra(username) } });
  assert.equal(r.status, 201, `registering ${username}: ${r.status}`);
  return member;
}

/** Signs in to the admin panel (admins and agents) and waits for its header. */
export async function adminLogin(page, baseUrl, who) {
  await page.goto(`${baseUrl}/admin/`);
  await byTest(page, 'login-page').waitFor();
  await fill(page, 'login-username', who.username);
  await fill(page, 'login-password', who.password);
  await byTest(page, 'login-submit').click();
  await byTest(page, 'header-username').waitFor({ timeout: 15_000 });
}

/** Signs in to the member app and waits until it leaves the login page. */
export async function memberLogin(page, baseUrl, who) {
  await page.goto(`${baseUrl}/login`);
  await byTest(page, 'login-page').waitFor();
  await fill(page, 'login-username', who.username);
  await fill(page, 'login-password', who.password);
  await byTest(page, 'login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
}

/** Reads `read()` every 200 ms (up to 10 s) until it differs from `before`; the last value. */
export async function untilChanged(page, read, before) {
  let now = await read();
  for (let i = 0; i < 50 && now === before; i++) {
    await page.waitForTimeout(200);
    now = await read();
  }
  return now;
}
