#!/usr/bin/env node
// Benchmark: upload bombs (issue 10 item 4). The real app (in this process, so a blocked event
// loop shows in every figure) answers two XLSX bombs on the pool-import preview route: one cell of
// 200 MB (about 200 KB zipped) and 1,000,000 rows (about 5 MB zipped). Measured per bomb: the time
// to the 4xx answer, and the slowest /health answer polled every 20 ms meanwhile. Baseline: the
// slowest /health answer over the same number of polls with no upload, in the same run. Medians of
// --rounds. Targets: answer < 2 s, /health < 100 ms.
//
//   node bench/uploads/run.mjs [--rounds 3]
import 'reflect-metadata';
import { crc32, deflateRawSync } from 'node:zlib';
import { importDist, logger, median, options, printBench, runBench, startPostgres } from '../lib.mjs';

const opt = options({ rounds: 3 });
const { runMigrations } = await importDist('database/migrate.js');
const { createApp } = await importDist('bootstrap.js');
const { loadConfig } = await importDist('config/config.js');
const { SeedRunner } = await importDist('database/seeds/seed-runner.js');
const log = logger('  ');

/**
 * A one-entry ZIP (deflated), enough for the XLSX reader to open the sheet. The same writer as the
 * integration tests' `backend/test/setup/zip.ts` (TypeScript, not importable from here), one entry.
 */
function zipOf(name, data) {
  const fileName = Buffer.from(name);
  const comp = deflateRawSync(data);
  // version needed, flags, method (8 = deflate), time, date, crc, sizes, name length: identical in
  // the local header (from its offset 4) and the central one (from its offset 6).
  const common = Buffer.alloc(24);
  common.writeUInt16LE(20, 0);
  common.writeUInt16LE(8, 4);
  common.writeUInt32LE(crc32(data), 10);
  common.writeUInt32LE(comp.length, 14);
  common.writeUInt32LE(data.length, 18);
  common.writeUInt16LE(fileName.length, 22);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  common.copy(local, 4);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  common.copy(central, 6);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(local.length + fileName.length + comp.length, 16);
  return Buffer.concat([local, fileName, comp, central, fileName, end]);
}

await runBench(async (scope) => {
  const server = await startPostgres(scope, 'uploads');
  const db = await server.createDatabase('main');
  await runMigrations(db.url);
  const admin = { username: 'bench_admin', password: 'Bench-admin-2026' };
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: scope.tempDir('uploads-data'),
    DATABASE_URL: db.url,
    ADMIN_USERNAME: admin.username,
    ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'false',
    SCHEDULER_ENABLED: 'false',
  });
  const app = await createApp({ config, databaseUrl: db.url, serveSpas: false });
  scope.defer(() => app.close(), 'close the app');
  await app.init();
  await app.get(SeedRunner).runAll(); // the admin from ADMIN_USERNAME / ADMIN_PASSWORD
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}/api/v1`;
  const login = await (await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) })).json();
  const token = login.accessToken;
  if (!token) throw new Error(`admin login failed: ${JSON.stringify(login)}`);

  const bombs = {
    big_cell: zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(200 * 1024 * 1024, 'A')),
    million_rows: zipOf('xl/worksheets/sheet1.xml', Buffer.from(`<worksheet><sheetData>${'<row><c t="inlineStr"><is><t>600000</t></is></c></row>'.repeat(1_000_000)}</sheetData></worksheet>`)),
  };
  for (const [name, b] of Object.entries(bombs)) log(`${name}: ${Math.round(b.length / 1024)} KB zipped`);

  /** Polls /health every 20 ms until `until` settles (or `count` polls); the slowest answer. */
  async function slowestHealth(until, count = Infinity) {
    let done = false;
    let slowest = 0;
    let polls = 0;
    void until?.finally(() => (done = true));
    while (!done && polls < count) {
      const t0 = performance.now();
      await (await fetch(`${base}/health`)).arrayBuffer();
      slowest = Math.max(slowest, performance.now() - t0);
      polls++;
      await new Promise((r) => setTimeout(r, 20));
    }
    return { slowest, polls };
  }

  const answer = {};
  const health = {};
  const baseline = [];
  for (const name of Object.keys(bombs)) (answer[name] = []), (health[name] = []);
  for (let round = 0; round < opt.rounds; round++) {
    for (const [name, bomb] of Object.entries(bombs)) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bomb)]), `${name}.xlsx`);
      const t0 = performance.now();
      const upload = fetch(`${base}/admin/stock-pools/preview`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form }).then(async (r) => ({ status: r.status, body: await r.text() }));
      const [res, h] = await Promise.all([upload, slowestHealth(upload)]);
      const ms = performance.now() - t0;
      if (res.status < 400 || res.status >= 500) throw new Error(`${name}: expected a 4xx, got ${res.status} ${res.body.slice(0, 200)}`);
      answer[name].push(ms);
      health[name].push(h.slowest);
      // The same number of polls with nothing else going on.
      baseline.push((await slowestHealth(null, Math.max(h.polls, 5))).slowest);
      log(`round ${round + 1} ${name}: ${res.status} in ${Math.round(ms)} ms, /health slowest ${Math.round(h.slowest)} ms over ${h.polls} polls`);
    }
  }
  const healthMax = Math.max(...Object.values(health).map(median));
  const baselineMax = median(baseline);
  printBench('uploads', {
    big_cell: `${Math.round(median(answer.big_cell))}ms`,
    million_rows: `${Math.round(median(answer.million_rows))}ms`,
    health_slowest: `${Math.round(healthMax)}ms`,
    baseline: `${Math.round(baselineMax)}ms`,
    ratio: (healthMax / Math.max(baselineMax, 1)).toFixed(2),
  });
});
