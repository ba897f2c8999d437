#!/usr/bin/env node
// One Lighthouse run (the web bench's settings) on any URL of a running app, for experiments:
// e.g. a bare test page next to the SPA to tell what the browser costs on its own.
//
//   node bench/web/lh-one.mjs --url http://127.0.0.1:3187/stocks [--as member|admin|guest] [--desktop] [--runs 1] [--out /tmp/r.json]
import { readFileSync, writeFileSync } from 'node:fs';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';
import { options } from '../lib.mjs';

const opt = options({ url: '', as: 'guest', desktop: false, runs: 1, out: '', chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', adminPassword: 'Bench-admin-pass-1' });
const origin = new URL(opt.url).origin;

async function api(method, url, body) {
  const res = await fetch(`${origin}/api/v1${url}`, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, body: await res.json().catch(() => null) };
}
async function tokens() {
  if (opt.as === 'admin') {
    const s = (await api('POST', '/auth/login', { username: 'admin', password: opt.adminPassword })).body;
    return { 'zhice.admin.accessToken': s.accessToken, 'zhice.admin.refreshToken': s.refreshToken };
  }
  if (opt.as === 'member') {
    const cred = { username: 'profmember', password: 'Prof-member-pass-1' };
    let s = await api('POST', '/auth/login', cred);
    if (s.status >= 400) s = await api('POST', '/auth/register', { ...cred, riskAck: true });
    return { 'zhice.user.accessToken': s.body.accessToken, 'zhice.user.refreshToken': s.body.refreshToken };
  }
  return {};
}

const browser = await puppeteer.launch({ executablePath: opt.chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
// Chromium in this process's autogroup priority (see followAutogroupNice in run.mjs)
try {
  const nice = /nice (-?\d+)/.exec(readFileSync('/proc/self/autogroup', 'utf8'))?.[1];
  if (nice && nice !== '0') writeFileSync(`/proc/${browser.process().pid}/autogroup`, nice);
} catch {
  /* not Linux */
}
try {
  for (let run = 0; run < opt.runs; run++) {
    const page = await browser.newPage();
    await page.goto(`${origin}/api/v1/health`);
    await page.evaluate((entries) => {
      localStorage.clear();
      for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    }, await tokens());
    const cdp = await page.createCDPSession();
    await cdp.send('Network.clearBrowserCache');
    await cdp.detach();
    const result = await lighthouse(opt.url, { output: 'json', logLevel: 'error', onlyCategories: ['performance'], disableStorageReset: true }, opt.desktop ? desktopConfig : undefined, page);
    await page.close();
    const lhr = result.lhr;
    const n = (id) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
    console.log(`perf ${Math.round(lhr.categories.performance.score * 100)} FCP ${n('first-contentful-paint')} LCP ${n('largest-contentful-paint')} TBT ${n('total-blocking-time')} CLS ${lhr.audits['cumulative-layout-shift'].numericValue.toFixed(3)} main ${n('mainthread-work-breakdown')}`);
    console.log('  long tasks:', (lhr.audits['long-tasks'].details?.items ?? []).map((i) => `${(i.url || '').replace(/^.*\//, '')}@${Math.round(i.startTime)}:${Math.round(i.duration)}`).join(' '));
    if (opt.out) writeFileSync(opt.runs > 1 ? String(opt.out).replace(/\.json$/, `-${run + 1}.json`) : String(opt.out), JSON.stringify(lhr));
  }
} finally {
  await browser.close();
}
