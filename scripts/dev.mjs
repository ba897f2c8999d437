#!/usr/bin/env node
// `npm run dev`: tsc in watch mode + the API restarted on change (node --watch), and both Vite dev
// servers (member app :5173, admin :5174) proxying /api to the API on :3000. Ctrl-C stops all.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const vite = path.join(root, 'node_modules/vite/bin/vite.js');

const first = spawnSync(process.execPath, [tsc, '-b', 'backend'], { cwd: root, stdio: 'inherit' });
if (first.status !== 0) process.exit(first.status ?? 1);

const children = [
  ['tsc', [tsc, '-b', 'backend', '--watch', '--preserveWatchOutput'], root],
  ['api', ['--watch-path=backend/dist', '--watch-preserve-output', 'backend/dist/main.js'], root],
  ['user', [vite, '--port', '5173', '--strictPort'], path.join(root, 'frontend-user')],
  ['admin', [vite, '--port', '5174', '--strictPort'], path.join(root, 'frontend-admin')],
].map(([name, args, cwd]) => {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const prefix = (d) => String(d).split('\n').filter(Boolean).map((l) => `[${name}] ${l}`).join('\n') + '\n';
  child.stdout.on('data', (d) => process.stdout.write(prefix(d)));
  child.stderr.on('data', (d) => process.stderr.write(prefix(d)));
  return child;
});
console.log('dev: member app http://localhost:5173/  admin http://localhost:5174/admin/  API http://localhost:3000/api/v1');
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
