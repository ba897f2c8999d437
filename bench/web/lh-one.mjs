#!/usr/bin/env node
// One Lighthouse run (the web bench's settings) on any URL of a running app, for experiments:
// e.g. a bare test page next to the SPA to tell what the browser costs on its own.
//
//   node bench/web/lh-one.mjs --url http://127.0.0.1:3187/stocks [--as member|admin|guest] [--desktop] [--runs 1] [--out /tmp/r.json]
import { writeFileSync } from 'node:fs';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';
import { options } from '../lib.mjs';
import { CHROMIUM_ARGS, coldStart, followAutogroupNice, storageTokens } from './browser.mjs';

const opt = options({ url: '', as: 'guest', desktop: false, runs: 1, out: '', chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', adminPassword: 'Bench-admin-pass-1' });
const origin = new URL(opt.url).origin;


const browser = await puppeteer.launch({ executablePath: opt.chromium, headless: true, args: CHROMIUM_ARGS });
followAutogroupNice(browser.process()?.pid);
try {
  for (let run = 0; run < opt.runs; run++) {
    const page = await browser.newPage();
    await (await coldStart(page, origin, await storageTokens(origin, opt.as, opt.adminPassword))).detach();
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
