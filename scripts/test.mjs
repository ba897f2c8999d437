#!/usr/bin/env node
// `npm test`: every suite — backend units and integration (real PostgreSQL), both SPAs' units,
// then the browser e2e over a freshly built app — and one closing line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(path.join(tmpdir(), 'zhice-test-'));
const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];

function vitest(label, cwd, extra = []) {
  const report = path.join(out, `${label.replace(/\W+/g, '-')}.json`);
  const t = Date.now();
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, TZ: 'Asia/Shanghai', FORCE_COLOR: process.env.CI ? '0' : '1' },
  });
  let passed = 0, failed = 0, skipped = 0;
  if (existsSync(report)) {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    passed = j.numPassedTests;
    skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    // A suite that failed to load has no failed tests but failed suites: count those too.
    failed = j.numFailedTests + (j.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0).length;
  }
  if (r.status !== 0 && failed === 0) failed = 1; // crashed before reporting
  record(label, passed, failed, skipped, Date.now() - t);
}

function record(label, passed, failed, skipped, ms) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  rows.push(`${label.padEnd(28)} ${String(passed).padStart(5)} passed ${String(failed).padStart(4)} failed ${String(skipped).padStart(3)} skipped  ${(ms / 1000).toFixed(1)} s`);
}

const want = (name) => only.length === 0 || only.includes(name);

if (want('backend')) vitest('backend (unit+integration)', path.join(root, 'backend'));
if (want('admin')) vitest('frontend-admin (unit)', path.join(root, 'frontend-admin'));
if (want('user')) vitest('frontend-user (unit)', path.join(root, 'frontend-user'));
if (want('common')) vitest('frontend-common (unit)', path.join(root, 'frontend-common'));
if (want('e2e')) {
  const t = Date.now();
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) record('build', 0, 1, 0, Date.now() - t);
  else {
    const summary = path.join(out, 'e2e.json');
    const r = spawnSync(process.execPath, [path.join(root, 'e2e/run.mjs'), '--summary', summary], { cwd: root, stdio: 'inherit' });
    const s = existsSync(summary) ? JSON.parse(readFileSync(summary, 'utf8')) : { passed: 0, failed: 1, skipped: 0 };
    if (r.status !== 0 && s.failed === 0) s.failed = 1;
    record('e2e (browser)', s.passed, s.failed, s.skipped, Date.now() - t);
  }
}

console.log('\n── test summary ──────────────────────────────────────────────');
for (const row of rows) console.log(row);
if (totals.skipped) console.log(`(${totals.skipped} skipped)`);
// The closing line is exactly `N passed, N failed` (CI reads it).
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
