import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOrphan, isAlive, stopOrphan } from './orphan-postgres.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'zhice-orphan-'));

describe('orphaned embedded PostgreSQL (issue 10 item 7)', () => {
  it('no pid file, a dead pid, or someone else’s process: no orphan', () => {
    const d = dir();
    expect(findOrphan(d)).toBeNull();
    writeFileSync(path.join(d, 'postmaster.pid'), '999999\n/x\n0\n5432\n');
    expect(findOrphan(d)).toBeNull();
    writeFileSync(path.join(d, 'postmaster.pid'), `${process.ppid}\n/x\n0\n5432\n`);
    expect(findOrphan(d)).toBeNull(); // alive, but not a postgres on this directory
  });

  it('a live process running "postgres -D <our dir>" is found with its port and stopped', async () => {
    const d = path.join(dir(), 'pg');
    mkdirSync(d);
    // A stand-in with the command line a postmaster has (argv: postgres -D <dir>).
    const child = spawn(process.execPath, ['-e', 'process.on("SIGINT", () => process.exit(0)); setInterval(() => {}, 1000)', 'postgres', '-D', d], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(path.join(d, 'postmaster.pid'), `${child.pid}\n${d}\n0\n54321\n`);
    const orphan = findOrphan(d);
    expect(orphan).toEqual({ pid: child.pid, port: 54321 });
    const lines: string[] = [];
    await stopOrphan(orphan!, (l) => lines.push(l));
    expect(isAlive(child.pid!)).toBe(false);
    expect(lines[0]).toContain(`pid ${child.pid}`);
  });
});
