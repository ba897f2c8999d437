import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * After a `kill -9` of the app, the embedded PostgreSQL it started keeps running (issue 10 item 7)
 * and the next start could not bind the data directory. PostgreSQL's own `postmaster.pid` names the
 * server of a data directory: first line the pid, fourth the port. A live process whose command
 * line names our directory is our orphan; a dead pid is a stale file PostgreSQL clears itself.
 */
export interface OrphanPostgres {
  pid: number;
  port: number | null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLineOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return null;
  }
}

export function findOrphan(databaseDir: string): OrphanPostgres | null {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return null;
  const cmd = commandLineOf(pid);
  // Without /proc (macOS) trust the pid file; with it, the process must be a postgres on our dir.
  if (cmd !== null && !(cmd.includes('postgres') && cmd.includes(path.resolve(databaseDir)))) return null;
  const port = Number(lines[3]);
  return { pid, port: Number.isInteger(port) && port > 0 ? port : null };
}

/** Asks the orphan to stop (fast shutdown), then insists; resolves once it is gone. */
export async function stopOrphan(orphan: OrphanPostgres, log: (line: string) => void, waitMs = 15_000): Promise<void> {
  log(`embedded PostgreSQL left running by an earlier process (pid ${orphan.pid}${orphan.port ? `, port ${orphan.port}` : ''}): stopping it`);
  try {
    process.kill(orphan.pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + waitMs;
  while (isAlive(orphan.pid)) {
    if (Date.now() > deadline) {
      log(`pid ${orphan.pid} did not stop in ${waitMs / 1000} s: killing it`);
      try {
        process.kill(orphan.pid, 'SIGKILL');
      } catch {
        /* gone meanwhile */
      }
      await new Promise((r) => setTimeout(r, 500));
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
