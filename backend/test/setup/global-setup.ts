import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres.js';
import { runMigrations } from '../../src/database/migrate.js';

/**
 * Once per run: a PostgreSQL server (DATABASE_URL's, or an embedded one in a temp dir), and a
 * template database migrated to head. Each test file clones the template (fast, isolated).
 */
let embedded: EmbeddedDatabase | null = null;
let tmp: string | null = null;

export default async function setup(project: TestProject) {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    tmp = mkdtempSync(path.join(tmpdir(), 'zhice-test-pg-'));
    embedded = await startEmbeddedPostgres(tmp);
    serverUrl = embedded.url;
  }
  const template = `zhice_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${template}`;
  await runMigrations(u.toString());
  // BullMQ's schema is migrated into the template too, so clones start with it.
  const { Queue, createPostgresBackend } = await import('bullmq');
  const q = new Queue('warmup', { connection: { connectionString: u.toString(), schema: 'bullmq', migrate: true, max: 1 } as never }, createPostgresBackend);
  await q.getJobCounts();
  await q.close();
  project.provide('pgServerUrl', serverUrl);
  project.provide('pgTemplate', template);

  return async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    await c.end();
    await embedded?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplate: string;
  }
}
