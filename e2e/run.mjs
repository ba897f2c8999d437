#!/usr/bin/env node
// Browser e2e: starts the built app (embedded PostgreSQL in a fresh DATA_DIR, demo data on) on a
// free port, drives the system Chromium with playwright-core through every scenario in
// scenarios/ (sorted by file name), saves screenshots to e2e/screenshots/, stops the app.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { axeProblems } from './checks.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const summaryPath = args.includes('--summary') ? args[args.indexOf('--summary') + 1] : null;
const filters = args.filter((a) => !a.startsWith('--') && a !== summaryPath);
const shots = path.join(here, 'screenshots');
const ADMIN = { username: 'admin', password: 'E2e-admin-pass-1' };

function finish(summary) {
  if (summaryPath) writeFileSync(summaryPath, JSON.stringify(summary));
  console.log(`e2e: ${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`);
  process.exit(summary.failed > 0 ? 1 : 0);
}

const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
const scenarioFiles = readdirSync(path.join(here, 'scenarios')).filter((f) => f.endsWith('.mjs') && (filters.length === 0 || filters.some((x) => f.includes(x)))).sort();
if (!chromiumPath) {
  if (process.env.CI) {
    console.error('e2e: no Chromium found (set CHROMIUM_PATH or apt-get install chromium); CI must run the browser tests');
    finish({ passed: 0, failed: 1, skipped: 0 });
  }
  console.warn('\n*** e2e SKIPPED: no Chromium found. Install it (apt-get install chromium) or set CHROMIUM_PATH. ***\n');
  finish({ passed: 0, failed: 0, skipped: scenarioFiles.length });
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const port = await freePort();
const dataDir = mkdtempSync(path.join(tmpdir(), 'zhice-e2e-'));
const baseUrl = `http://127.0.0.1:${port}`;
const appLog = [];
const app = spawn(process.execPath, [path.join(root, 'backend/dist/main.js')], {
  cwd: root,
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, PUBLIC_URL: baseUrl, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
app.stdout.on('data', (d) => appLog.push(String(d)));
app.stderr.on('data', (d) => appLog.push(String(d)));

async function stopApp() {
  if (app.exitCode !== null) return;
  app.kill('SIGTERM');
  await new Promise((r) => {
    const t = setTimeout(() => {
      app.kill('SIGKILL');
      r();
    }, 20_000);
    app.on('exit', () => {
      clearTimeout(t);
      r();
    });
  });
}

let healthy = false;
for (let i = 0; i < 360 && app.exitCode === null; i++) {
  try {
    const r = await fetch(`${baseUrl}/api/v1/health`);
    if (r.ok) {
      healthy = true;
      break;
    }
  } catch {
    /* not up yet */
  }
  await new Promise((r) => setTimeout(r, 500));
}
if (!healthy) {
  const log = appLog.join('');
  console.error(`e2e: the app did not become healthy. Start of its log:\n${log.slice(0, 3000)}\n…\nEnd of its log:\n${log.slice(-2000)}`);
  await stopApp();
  finish({ passed: 0, failed: 1, skipped: 0 });
}

mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});

const summary = { passed: 0, failed: 0, skipped: 0 };
/** Shared between scenarios in order (e.g. a member registered in one is used by the next). */
const state = {};
for (const file of scenarioFiles) {
  const mod = await import(pathToFileURL(path.join(here, 'scenarios', file)).href);
  for (const [name, fn] of Object.entries(mod.scenarios ?? {})) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const t = Date.now();
    // Every screenshot is also an accessibility check (axe-core: no critical or serious violation).
    const a11y = [];
    const shot = async (n, { axe = true } = {}) => {
      if (axe) {
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(undefined)))).catch(() => undefined);
        a11y.push(...(await axeProblems(page, n)));
      }
      await page.screenshot({ path: path.join(shots, `${n}.png`), fullPage: true });
    };
    try {
      await fn({ page, context, browser, baseUrl, admin: ADMIN, state, shot, shotsDir: shots });
      if (pageErrors.length) throw new Error(`uncaught page errors: ${pageErrors.join(' | ')}`);
      if (a11y.length) throw new Error(`accessibility:\n${a11y.join('\n')}`);
      summary.passed++;
      console.log(`  ✓ ${file} › ${name} (${Date.now() - t} ms)`);
    } catch (e) {
      summary.failed++;
      console.log(`  ✗ ${file} › ${name}\n    ${String(e?.stack ?? e).split('\n').slice(0, 40).join('\n    ')}`);
      await page.screenshot({ path: path.join(shots, `FAILED-${file}-${name}.png`.replace(/[^\w.-]+/g, '_')), fullPage: true }).catch(() => undefined);
    } finally {
      await context.close();
    }
  }
}
await browser.close();
await stopApp();
// Ctrl-C/SIGTERM must leave no postgres behind (its last backends may take a moment to exit).
const { execSync } = await import('node:child_process');
let leftovers = '';
for (let i = 0; i < 20; i++) {
  leftovers = execSync(`pgrep -af "[p]ostgres.*${dataDir}" || true`).toString().trim();
  if (!leftovers) break;
  await new Promise((r) => setTimeout(r, 500));
}
if (leftovers) {
  summary.failed++;
  console.log(`  ✗ shutdown left processes using ${dataDir}: ${leftovers}`);
} else {
  summary.passed++;
  console.log('  ✓ app stopped cleanly, no postgres process left');
}
rmSync(dataDir, { recursive: true, force: true });
finish(summary);
