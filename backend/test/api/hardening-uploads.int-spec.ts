import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeZip } from '../setup/zip.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
});
afterAll(async () => t?.close());

async function upload(buf: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(buf)]), name);
  const res = await fetch(`${t.baseUrl}/api/v1/admin/stock-pools/preview`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form });
  const text = await res.text();
  return { status: res.status, length: text.length, body: text.startsWith('{') ? JSON.parse(text) : text };
}

/** Polls /health while `work` runs; returns the slowest answer. */
async function healthDuring<T>(work: Promise<T>): Promise<{ result: T; slowestMs: number; polls: number }> {
  let done = false;
  let slowestMs = 0;
  let polls = 0;
  const poller = (async () => {
    while (!done) {
      const t0 = performance.now();
      await fetch(`${t.baseUrl}/api/v1/health`);
      slowestMs = Math.max(slowestMs, performance.now() - t0);
      polls++;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const result = await work;
  done = true;
  await poller;
  return { result, slowestMs, polls };
}

describe('upload bombs (issue 10 item 4)', () => {
  it('an XLSX with one 200 MB cell and an XLSX of 1 M rows answer 4xx before inflating them, with a bounded body, while /health keeps answering', async () => {
    const bigCell = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(200 * 1024 * 1024, 'A') }]);
    const rowsXml = Buffer.from(`<worksheet><sheetData>${'<row><c t="inlineStr"><is><t>600000</t></is></c></row>'.repeat(1_000_000)}</sheetData></worksheet>`);
    const manyRows = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: rowsXml }]);
    for (const [name, bomb] of [['big-cell.xlsx', bigCell], ['million-rows.xlsx', manyRows]] as const) {
      expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
      const { result, polls } = await healthDuring(upload(bomb, name));
      expect({ name, status: result.status, code: result.body.code }, JSON.stringify(result.body).slice(0, 300)).toEqual({ name, status: 413, code: 'POOL_FILE_TOO_LARGE' });
      expect(result.length).toBeLessThan(2000); // nothing of the file echoed back
      // /health answered meanwhile; how fast (the issue's < 2 s and < 100 ms) is measured by
      // `npm run bench -- uploads`, not here: a timed test fails on a loaded machine.
      expect(polls).toBeGreaterThan(0);
    }
  });

  it('a long cell in a small file comes back clipped, not whole', async () => {
    const csv = Buffer.from(`code\n600000\n${'9'.repeat(100_000)}\n`);
    const r = await upload(csv, 'codes.csv');
    expect(r.status).toBe(200);
    expect(r.length).toBeLessThan(5_000);
  });
});
