#!/usr/bin/env node
// Builds what is not built (or is older than its sources): shared + backend with tsc -b
// (incremental), each SPA with Vite when its dist is missing or stale. `--force` rebuilds all.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);

/** Newest modification time under the given files and folders (node_modules and dist skipped). */
function newestMtime(...paths) {
  let newest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    newest = Math.max(newest, statSync(p).isDirectory() ? newestInDir(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function newestInDir(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestInDir(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function run(label, args, cwd = root) {
  const t = Date.now();
  process.stdout.write(`build: ${label}…\n`);
  const r = spawnSync(process.execPath, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build: ${label} failed`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`build: ${label} done in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
}

// tsc -b is incremental: cheap when nothing changed.
const backendOut = path.join(root, 'backend/dist/main.js');
const backendStale = !existsSync(backendOut) || newestMtime(path.join(root, 'backend/src'), path.join(root, 'shared/src')) > statSync(backendOut).mtimeMs;
if (force || backendStale) run('backend (tsc)', [bin('typescript', 'bin/tsc'), '-b', 'backend']);

for (const app of ['frontend-user', 'frontend-admin']) {
  const dir = path.join(root, app);
  if (!existsSync(path.join(dir, 'vite.config.ts'))) { console.warn(`build: ${app} has no vite.config.ts, skipped`); continue; }
  const out = path.join(dir, 'dist/index.html');
  // Everything a SPA build reads: its own sources and config, the shared types, and frontend-common
  // (source-only code and the Vite config factory both apps import).
  const inputs = [path.join(dir, 'src'), path.join(dir, 'index.html'), path.join(dir, 'public'), path.join(dir, 'vite.config.ts'), path.join(root, 'shared/src'), path.join(root, 'frontend-common')];
  const stale = !existsSync(out) || newestMtime(...inputs) > statSync(out).mtimeMs;
  if (force || stale) run(`${app} (vite)`, [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn'], dir);
}
