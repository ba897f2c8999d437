import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig, readEnv } from '../config/config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { pendingSchemaChanges, runMigrations } from './migrate.js';

/**
 * `migrate`  — run pending migrations against DATABASE_URL (or the embedded database).
 * `generate <Name>` — diff the entities against a scratch database migrated to head and write a
 *                     new migration into src/database/migrations (plus its line in index.ts).
 * `check`    — exit 1 when generating would produce anything.
 */
const [command, name] = process.argv.slice(2);
const srcMigrations = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/database/migrations');

async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const config = loadConfig(readEnv());
  const tmp = config.databaseUrl ? null : mkdtempSync(path.join(tmpdir(), 'zhice-gen-'));
  const embedded = tmp ? await startEmbeddedPostgres(tmp) : null;
  const serverUrl = config.databaseUrl ?? embedded!.url;
  const dbName = `zhice_scratch_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  try {
    await runMigrations(u.toString());
    return await fn(u.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

function migrationSource(className: string, timestamp: number, up: string[], down: string[]): string {
  const q = (s: string) => '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className}${timestamp} implements MigrationInterface {
  name = '${className}${timestamp}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map((s) => `    await queryRunner.query(${q(s)});`).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.reverse().map((s) => `    await queryRunner.query(${q(s)});`).join('\n')}
  }
}
`;
}

async function main() {
  if (command === 'migrate') {
    const config = loadConfig(readEnv());
    if (!config.databaseUrl) {
      const embedded = await startEmbeddedPostgres(config.dataDir);
      try {
        console.log(await runMigrations(embedded.url));
      } finally {
        await embedded.stop();
      }
    } else {
      console.log(await runMigrations(config.databaseUrl));
    }
    return;
  }
  if (command === 'generate') {
    if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: db:generate -- <PascalCaseName>');
    const changes = await withScratchDatabase(pendingSchemaChanges);
    if (changes.up.length === 0) {
      console.log('No changes: the schema matches the entities.');
      return;
    }
    const ts = Date.now();
    const file = `${ts}-${name}`;
    writeFileSync(path.join(srcMigrations, `${file}.ts`), migrationSource(name, ts, changes.up, changes.down));
    const indexPath = path.join(srcMigrations, 'index.ts');
    const index = readFileSync(indexPath, 'utf8')
      .replace(/^(\/\/.*\n)/, `$1import { ${name}${ts} } from './${file}.js';\n`)
      .replace(/\n\];/, `\n  ${name}${ts},\n];`);
    writeFileSync(indexPath, index);
    console.log(`Wrote src/database/migrations/${file}.ts (${changes.up.length} statements). Review it, then rebuild.`);
    return;
  }
  if (command === 'check') {
    const changes = await withScratchDatabase(pendingSchemaChanges);
    if (changes.up.length > 0) {
      console.error(`Entities and migrations differ; run npm run db:generate -- <Name>:\n${changes.up.join(';\n')}`);
      process.exit(1);
    }
    console.log('Schema is up to date.');
    return;
  }
  throw new Error('usage: cli.js migrate | generate <Name> | check');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
