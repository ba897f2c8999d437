#!/usr/bin/env node
// BENCH web: Lighthouse 12 (the npm package, pinned in bench/package.json) driving the system
// Chromium over the built app — the member app on a phone (Lighthouse's default mobile config:
// Moto G Power screen, simulated slow 4G and 4× CPU slowdown) and the admin panel on a desktop
// (its desktop config). Pages: member /login, /stocks and a stock's detail page; admin dashboard
// and users. Each page runs --runs times (default 3) with a cold HTTP cache; the median of the
// performance and accessibility scores is reported, with the minima over all pages:
//
//   BENCH web member_login=P/A member_stocks=P/A member_stock=P/A admin_dashboard=P/A admin_users=P/A min_perf=NN min_a11y=NN
//
// The app runs as `node backend/dist/main.js` in a child process with its own temp DATA_DIR
// (embedded PostgreSQL, demo data). A member is registered and the admin signs in through the API;
// their tokens are put in localStorage (the SPAs read them from there) and Lighthouse's storage
// reset is off so they survive — the HTTP cache is cleared before every run instead.
//
//   node bench/web/run.mjs [--runs 3] [--only member_stock] [--chromium /usr/bin/chromium] [--keep-reports]
//                          [--app-root DIR]
//
// --app-root serves another checkout's build (a folder with backend/dist, frontend-*/dist and
// node_modules), for an A/B comparison of two builds in the same period: Lighthouse's simulated
// throttling multiplies the CPU time it observed, so on a busy machine absolute scores swing and
// only runs taken side by side compare.
//
// Not a timing test of ours vs. a baseline like the other benchmarks: Lighthouse's scores are
// already relative to its reference thresholds. Kept out of `npm test` (it takes a few minutes).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, coldStart, followAutogroupNice } from './browser.mjs';
import { forkChild, freePort, logger, median, options, printBench, root, runBench, waitForHttp } from '../lib.mjs';

const opt = options({ runs: 3, only: '', chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', keepReports: false, appRoot: root });
const appRoot = path.resolve(opt.appRoot);
const log = logger('web:');

const ADMIN = { username: 'admin', password: 'Bench-admin-pass-1' };
const MEMBER = { username: 'benchmember', password: 'Bench-member-pass-1' };

async function api(base, method, url, body, token) {
  const res = await fetch(`${base}/api/v1${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

await runBench(async (scope) => {
  if (!existsSync(opt.chromium)) throw new Error(`no Chromium at ${opt.chromium} (set --chromium or CHROMIUM_PATH)`);
  if (!existsSync(path.join(appRoot, 'frontend-user/dist/index.html'))) throw new Error('the SPAs are not built: run `node scripts/build.mjs`');

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = scope.tempDir('web');
  const appLog = [];
  const app = forkChild(scope, path.join(appRoot, 'backend/dist/main.js'), [], {
    cwd: appRoot,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      REDIS_URL: '',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    },
  });
  app.stdout.on('data', (d) => appLog.push(String(d)));
  app.stderr.on('data', (d) => appLog.push(String(d)));
  await waitForHttp(`${base}/api/v1/health`, app, { timeoutMs: 600_000, why: () => `\n${appLog.join('').slice(-2000)}` });
  log(`app up on ${base}`);

  const member = await api(base, 'POST', '/auth/register', { ...MEMBER, riskAck: true });
  const admin = await api(base, 'POST', '/auth/login', ADMIN);
  const { items } = await api(base, 'GET', '/me/stocks', null, member.accessToken);
  if (!items.length) throw new Error('the member got no stocks (is the demo pool active?)');
  const stock = items[0].tsCode;

  // Fresh tokens for every run: the SPA rotates its refresh token, so putting an old one back
  // would be a reuse (the API then revokes the family and the page lands on the login form).
  const memberTokens = async () => {
    const s = await api(base, 'POST', '/auth/login', MEMBER);
    return { 'zhice.user.accessToken': s.accessToken, 'zhice.user.refreshToken': s.refreshToken };
  };
  const adminTokens = async () => {
    const s = await api(base, 'POST', '/auth/login', ADMIN);
    return { 'zhice.admin.accessToken': s.accessToken, 'zhice.admin.refreshToken': s.refreshToken };
  };
  void member;
  void admin;
  const pages = [
    { key: 'member_login', url: `${base}/login`, storage: async () => ({}), desktop: false },
    { key: 'member_stocks', url: `${base}/stocks`, storage: memberTokens, desktop: false },
    { key: 'member_stock', url: `${base}/stocks/${stock}`, storage: memberTokens, desktop: false },
    { key: 'admin_dashboard', url: `${base}/admin/`, storage: adminTokens, desktop: true },
    { key: 'admin_users', url: `${base}/admin/users`, storage: adminTokens, desktop: true },
  ].filter((p) => !opt.only || opt.only.split(',').includes(p.key));

  const browser = await puppeteer.launch({
    executablePath: opt.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  scope.defer(() => browser.close(), 'close Chromium');
  const nice = followAutogroupNice(browser.process()?.pid);
  if (nice) log(`Chromium's autogroup at nice ${nice}, like this process's`);
  const reports = path.join(root, 'bench/web/reports');
  if (opt.keepReports) mkdirSync(reports, { recursive: true });

  const fields = {};
  let minPerf = 100;
  let minA11y = 100;
  for (const p of pages) {
    const perf = [];
    const a11y = [];
    const metrics = [];
    let retries = 0;
    for (let run = 0; run < opt.runs; run++) {
      const page = await browser.newPage();
      // The tokens go in first (same origin), then the cache is cleared: every run loads cold.
      await (await coldStart(page, base, await p.storage())).detach();
      const flags = { output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'], disableStorageReset: true };
      const result = await lighthouse(p.url, flags, p.desktop ? desktopConfig : undefined, page);
      await page.close();
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`${p.key}: Lighthouse returned no result`);
      // Lighthouse 12.2 now and then misses the navigation start in a newer Chromium's trace: that run is repeated.
      if (lhr.runtimeError?.code === 'NO_NAVSTART' && retries++ < 3) {
        log(`${p.key} run ${run + 1}: no navigation start in the trace, repeating the run`);
        run--;
        continue;
      }
      if (lhr.runtimeError) throw new Error(`${p.key}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      if (lhr.finalDisplayedUrl && new URL(lhr.finalDisplayedUrl).pathname !== new URL(p.url).pathname) {
        throw new Error(`${p.key}: ended on ${lhr.finalDisplayedUrl}, not ${p.url} (signed out?)`);
      }
      const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
      const num = (id) => lhr.audits[id]?.numericValue ?? NaN;
      perf.push(score('performance'));
      a11y.push(score('accessibility'));
      // main: the main thread's busy time as observed (before the 4x CPU slowdown is applied): the
      // figure to compare when the machine's load changes between runs.
      metrics.push({ fcp: num('first-contentful-paint'), lcp: num('largest-contentful-paint'), tbt: num('total-blocking-time'), cls: num('cumulative-layout-shift'), main: num('mainthread-work-breakdown') });
      if (opt.keepReports) writeFileSync(path.join(reports, `${p.key}-${run + 1}.json`), JSON.stringify(lhr));
      const failedA11y = Object.values(lhr.audits).filter((a) => lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0) && a.score !== null && a.score < 1);
      log(
        `${p.key} run ${run + 1}: perf ${perf.at(-1)} a11y ${a11y.at(-1)} · FCP ${Math.round(metrics.at(-1).fcp)} ms, LCP ${Math.round(metrics.at(-1).lcp)} ms, TBT ${Math.round(metrics.at(-1).tbt)} ms, CLS ${metrics.at(-1).cls.toFixed(3)}, main thread ${Math.round(metrics.at(-1).main)} ms` +
          (failedA11y.length ? ` · a11y audits failing: ${failedA11y.map((a) => a.id).join(', ')}` : ''),
      );
    }
    const P = median(perf);
    const A = median(a11y);
    log(`${p.key}: median perf ${P}, a11y ${A}; median LCP ${Math.round(median(metrics.map((m) => m.lcp)))} ms, TBT ${Math.round(median(metrics.map((m) => m.tbt)))} ms, CLS ${median(metrics.map((m) => m.cls)).toFixed(3)}`);
    fields[p.key] = `${P}/${A}`;
    minPerf = Math.min(minPerf, P);
    minA11y = Math.min(minA11y, A);
  }
  printBench('web', { ...fields, runs: opt.runs, min_perf: minPerf, min_a11y: minA11y });
});
