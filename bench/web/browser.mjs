// What the web tools (run.mjs, profile.mjs, lh-one.mjs) do to a browser and a page before measuring:
// Chromium's flags and scheduling priority, the localStorage entries that sign a page in, and a
// cold start (tokens in, HTTP cache out).
import { readFileSync, writeFileSync } from 'node:fs';

/** Chromium's flags for measuring: no sandbox (root in CI), no background traffic of its own. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Linux groups each session's processes for the scheduler (autogroups) and shares the CPU between
 * sessions first; puppeteer starts Chromium in a session of its own. When a tool runs with its
 * autogroup reniced (`echo -10 > /proc/self/autogroup` on a machine shared with other work),
 * Chromium gets the same priority, so the trace Lighthouse multiplies holds less of the others' load.
 * Returns the nice value applied, or null.
 */
export function followAutogroupNice(pid) {
  try {
    const nice = /nice (-?\d+)/.exec(readFileSync('/proc/self/autogroup', 'utf8'))?.[1];
    if (!pid || !nice || nice === '0') return null;
    writeFileSync(`/proc/${pid}/autogroup`, nice);
    return nice;
  } catch {
    return null; // not Linux, or no autogroups
  }
}

async function api(origin, method, url, body) {
  const res = await fetch(`${origin}/api/v1${url}`, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/**
 * The localStorage entries that sign a page in. `as`: admin (signs in with its password) |
 * member (`profmember`, registered on first use) | guest (no tokens).
 */
export async function storageTokens(origin, as, adminPassword) {
  if (as === 'admin') {
    const s = (await api(origin, 'POST', '/auth/login', { username: 'admin', password: adminPassword })).body;
    return { 'zhice.admin.accessToken': s.accessToken, 'zhice.admin.refreshToken': s.refreshToken };
  }
  if (as === 'member') {
    const cred = { username: 'profmember', password: 'Prof-member-pass-1' };
    let s = await api(origin, 'POST', '/auth/login', cred);
    if (s.status >= 400) s = await api(origin, 'POST', '/auth/register', { ...cred, riskAck: true });
    return { 'zhice.user.accessToken': s.body.accessToken, 'zhice.user.refreshToken': s.body.refreshToken };
  }
  return {};
}

/**
 * A cold start for `page` on `origin`: the storage entries go in first (same origin, via a cheap
 * API page), then the HTTP cache is cleared. Returns the page's CDP session (for more settings).
 */
export async function coldStart(page, origin, entries) {
  await page.goto(`${origin}/api/v1/health`);
  await page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, entries);
  const cdp = await page.createCDPSession();
  await cdp.send('Network.clearBrowserCache');
  return cdp;
}
