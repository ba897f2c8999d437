#!/usr/bin/env node
// Where a page's main-thread time goes: loads one page of a running app in the system Chromium
// with the CPU slowed like Lighthouse's mobile profile (4×) and a cold cache, records a CPU profile
// and a trace, and prints script time by file, the heaviest functions (self time) and the long
// tasks (≥ 50 ms) with what ran in them. For iterating on one page faster than `npm run bench -- web`.
//
//   node bench/web/profile.mjs --base http://127.0.0.1:3177 --path /stocks --as member [--cpu 4] [--width 412]
//
// --as member|admin|guest: signs in (admin: ADMIN_USERNAME/ADMIN_PASSWORD of that app; member:
// registers `profmember` once) and puts the tokens in localStorage first, as the web bench does.
import { writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { options } from '../lib.mjs';
import { CHROMIUM_ARGS, coldStart, storageTokens } from './browser.mjs';

const opt = options({ base: 'http://127.0.0.1:3177', path: '/login', as: 'guest', cpu: 4, width: 412, chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', adminPassword: process.env.ADMIN_PASSWORD ?? 'Bench-admin-pass-1', top: 25, css: '', categories: '', dumpTrace: '', noProfile: false, minTask: 50, sim: 0 });


const browser = await puppeteer.launch({ executablePath: opt.chromium, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: Number(opt.width), height: 823, deviceScaleFactor: 1.75 });
  const cdp = await coldStart(page, opt.base, await storageTokens(opt.base, opt.as, opt.adminPassword));
  // --css: a style sheet added to every page before its scripts (experiments, e.g. another font stack)
  if (opt.css) await page.evaluateOnNewDocument((css) => document.addEventListener('DOMContentLoaded', () => document.head.append(Object.assign(document.createElement('style'), { textContent: css }))), opt.css);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(opt.cpu) });
  // --no-profile: the trace only (the sampling profiler itself slows compilation down, which inflates the long tasks)
  if (!opt.noProfile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  }
  // --categories a,b: more trace categories (e.g. v8,blink,disabled-by-default-v8.compile) to see inside tasks
  await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'loading', ...String(opt.categories).split(',').filter(Boolean)] });
  if (!opt.noProfile) await cdp.send('Profiler.start');
  const t0 = Date.now();
  await page.goto(`${opt.base}${opt.path}`, { waitUntil: 'networkidle0' });
  await new Promise((r) => setTimeout(r, 1000));
  const { profile } = opt.noProfile ? { profile: { nodes: [], samples: [], timeDeltas: [] } } : await cdp.send('Profiler.stop');
  const traceText = Buffer.from(await page.tracing.stop()).toString('utf8');
  // --dump-trace FILE: the raw trace, for Chromium's performance panel or a closer look
  if (opt.dumpTrace) writeFileSync(String(opt.dumpTrace), traceText);
  const trace = JSON.parse(traceText);
  console.log(`loaded ${page.url()} in ${Date.now() - t0} ms (CPU ×${opt.cpu})`);

  // self time per node from the samples
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  const byUrl = new Map();
  const byFn = new Map();
  for (const n of profile.nodes) {
    const ms = dt.get(n.id) ?? 0;
    if (!ms) continue;
    const url = n.callFrame.url.replace(/^.*\//, '') || `(${n.callFrame.functionName || 'native'})`;
    byUrl.set(url, (byUrl.get(url) ?? 0) + ms);
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
  }
  const table = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n');
  console.log('\nself time by file (throttled):\n' + table(byUrl, 15));
  console.log(`\nheaviest functions (self):\n${table(byFn, Number(opt.top))}`);

  // long tasks on the renderer main thread and the events that took their time
  const main = trace.traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && trace.traceEvents.some((x) => x.pid === e.pid && x.name === 'ParseHTML'));
  const onMain = trace.traceEvents.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  // --cpu 1 --sim 4: each task's thread time (CPU time, which other processes' load distorts far less than
  // wall time) × 4, the way Lighthouse's simulated throttling scales what it observed; "after FCP"
  // sums the part over 50 ms of the tasks after the first contentful paint, like its TBT.
  const sim = Number(opt.sim);
  const len = (e) => (sim ? ((e.tdur ?? e.dur) * sim) / 1000 : e.dur / 1000);
  const fcp = trace.traceEvents.find((e) => e.name === 'firstContentfulPaint' && e.pid === main?.pid)?.ts ?? 0;
  const tasks = onMain.filter((e) => e.name === 'RunTask' && len(e) >= Number(opt.minTask)).sort((a, b) => a.ts - b.ts);
  let tbt = 0;
  let tbtAfterFcp = 0;
  console.log(`\nlong tasks (${sim ? `thread time × ${sim}` : 'throttled'}):`);
  for (const task of tasks) {
    tbt += Math.max(0, len(task) - 50);
    if (task.ts >= fcp) tbtAfterFcp += Math.max(0, len(task) - 50);
    const inside = onMain.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e !== task);
    const sum = new Map();
    for (const e of inside) {
      if (['RunTask', 'ThreadControllerImpl::RunTask'].includes(e.name)) continue;
      const label = e.name + (e.args?.data?.url ? ` ${e.args.data.url.replace(/^.*\//, '')}` : e.args?.data?.functionName ? ` ${e.args.data.functionName}` : '');
      sum.set(label, (sum.get(label) ?? 0) + e.dur / 1000);
    }
    const top = [...sum].sort((a, b) => b[1] - a[1])  .slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' · ');
    console.log(`  ${len(task).toFixed(0).padStart(5)} ms ${task.ts < fcp ? '(before FCP)' : ''} ${top}`);
  }
  console.log(`sum of (task − 50 ms): ${tbt.toFixed(0)} ms; after FCP: ${tbtAfterFcp.toFixed(0)} ms; all tasks: ${onMain.filter((e) => e.name === 'RunTask').reduce((a, e) => a + len(e), 0).toFixed(0)} ms`);
  const total = (name) => onMain.filter((e) => e.name === name).reduce((a, e) => a + e.dur / 1000, 0).toFixed(0);
  console.log(`main thread: Layout ${total('Layout')} ms, style ${total('UpdateLayoutTree')} ms, script eval ${total('v8.evaluateModule')} ms, timers ${total('TimerFire')} ms`);
} finally {
  await browser.close();
}
