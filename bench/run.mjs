#!/usr/bin/env node
// `npm run bench [-- <name>]`: runs bench/<name>/run.mjs for every benchmark folder (or the one
// named), one after another, each in its own Node process. Builds first when needed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const [only, ...rest] = process.argv.slice(2);
const all = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'node_modules' && existsSync(path.join(here, d.name, 'run.mjs')))
  .map((d) => d.name)
  .sort();
const names = only ? [only] : all;
if (only && !all.includes(only)) {
  console.error(`bench: no benchmark "${only}" (have: ${all.join(', ') || 'none'})`);
  process.exit(2);
}
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
let failed = 0;
for (const name of names) {
  console.log(`bench: ${name}`);
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(here, name, 'run.mjs'), ...rest], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`bench: ${name} failed (exit ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
