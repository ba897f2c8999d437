import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { createPool, LISTED, seedStocks } from './pool-fixtures.js';

let t: TestApp;
let admin: string;
let member: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  member = (await t.registerMember('pool_member')).accessToken;
  await seedStocks(t, { '300750.SZ': 'suspended' });
});
afterAll(async () => t?.close());

/** multipart POST /admin/stock-pools/preview */
async function upload(content: Uint8Array | string, filename: string, field = 'file', token = admin) {
  const form = new FormData();
  form.append(field, new Blob([content]), filename);
  const res = await fetch(`${t.baseUrl}/api/v1/admin/stock-pools/preview`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}

// A messy export as people produce it: BOM, CRLF, blank lines, full-width characters, lower-case
// prefixes, quotes, duplicates, an unknown code, a malformed one and a delisted stock.
const MESSY = [
  '\uFEFF股票代码,股票名称', //       1 header
  '600000,浦发银行', //              2 valid
  '', //                             3 blank
  'sz000001,平安银行', //            4 valid
  '  ６０００３６．ＳＨ ,招商银行', //   5 valid (full-width)
  '600000.sh,浦发银行', //           6 duplicate of 2
  '"SH.601318","中国平安"', //       7 valid
  '999999,不存在', //                8 unknown
  '12345,短', //                     9 malformed
  '600432,退市吉恩', //             10 delisted
  '   ', //                         11 blank
  '300750 ,宁德时代', //            12 valid (suspended)
  'bj430047,诺思兰德', //           13 valid
  'sh600036', //                    14 duplicate of 5
  '',
].join('\r\n');

const MESSY_REPORT = {
  valid: [
    { line: 2, tsCode: '600000.SH', name: '浦发银行', status: 'listed' },
    { line: 4, tsCode: '000001.SZ', name: '平安银行', status: 'listed' },
    { line: 5, tsCode: '600036.SH', name: '招商银行', status: 'listed' },
    { line: 7, tsCode: '601318.SH', name: '中国平安', status: 'listed' },
    { line: 12, tsCode: '300750.SZ', name: '宁德时代', status: 'suspended' },
    { line: 13, tsCode: '430047.BJ', name: '诺思兰德', status: 'listed' },
  ],
  invalid: [
    { line: 6, value: '600000.sh', reason: 'DUPLICATE', tsCode: '600000.SH', duplicateOf: 2, message: '600000.SH 与第 2 行重复' },
    { line: 8, value: '999999', reason: 'UNKNOWN', tsCode: '999999.SH', message: '股票列表中没有 999999.SH' },
    { line: 9, value: '12345', reason: 'FORMAT', message: '无法识别的股票代码“12345”（需要 6 位数字，如 600000 或 600000.SH）' },
    { line: 10, value: '600432', reason: 'DELISTED', tsCode: '600432.SH', message: '600432.SH 退市吉恩 已退市' },
    { line: 14, value: 'sh600036', reason: 'DUPLICATE', tsCode: '600036.SH', duplicateOf: 5, message: '600036.SH 与第 5 行重复' },
  ],
};

describe('import preview', () => {
  it('reports a messy pasted CSV exactly, and writes nothing', async () => {
    const r = await t.api('POST', '/admin/stock-pools/preview', { token: admin, body: { text: MESSY } });
    expect(r.status).toBe(200);
    expect({ valid: r.body.valid, invalid: r.body.invalid }).toEqual(MESSY_REPORT);
    expect(r.body).toMatchObject({ format: 'text', header: { line: 1, codeColumn: '股票代码', nameColumn: '股票名称' } });
    expect((await t.db.query('SELECT count(*)::int AS n FROM stock_pools')).rows[0].n).toBe(0);
  });

  it('gives the same report for the file uploaded as CSV (GBK too) and as XLSX', async () => {
    const csv = await upload(new TextEncoder().encode(MESSY), 'pool.csv');
    expect(csv.status).toBe(200);
    expect({ valid: csv.body.valid, invalid: csv.body.invalid }).toEqual(MESSY_REPORT);
    expect(csv.body.format).toBe('csv');

    const gbk = await upload(Buffer.from([0xb4, 0xfa, 0xc2, 0xeb, 0x0d, 0x0a, ...Buffer.from('600519\r\n000858\r\n')]), 'gbk.csv'); // "代码" in GBK
    expect(gbk.body.valid.map((v: { tsCode: string }) => v.tsCode)).toEqual(['600519.SH', '000858.SZ']);
    expect(gbk.body.header).toMatchObject({ codeColumn: '代码' });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('pool');
    ws.addRow(['代码', '名称']);
    ws.addRow([600000, '浦发银行']); // Excel drops leading zeros: 1 is 000001
    ws.addRow([1, '平安银行']);
    ws.addRow(['sh600036', '招商银行']);
    ws.addRow([]);
    ws.addRow(['600000.SH', 'dup']);
    ws.addRow(['abc', 'bad']);
    const xlsx = await upload(new Uint8Array(await wb.xlsx.writeBuffer()), 'pool.xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.body.format).toBe('xlsx');
    expect(xlsx.body.valid.map((v: { line: number; tsCode: string }) => [v.line, v.tsCode])).toEqual([[2, '600000.SH'], [3, '000001.SZ'], [4, '600036.SH']]);
    expect(xlsx.body.invalid.map((v: { line: number; reason: string }) => [v.line, v.reason])).toEqual([[6, 'DUPLICATE'], [7, 'FORMAT']]);
  });

  it('reads one code per line without a header, several per line, and names after codes', async () => {
    const r = await t.api('POST', '/admin/stock-pools/preview', { token: admin, body: { text: '600000\nsz000001 平安银行\n600519, 000858\n\nSH 600036' } });
    expect(r.body.header).toBeNull();
    expect(r.body.valid.map((v: { line: number; tsCode: string }) => [v.line, v.tsCode])).toEqual([
      [1, '600000.SH'],
      [2, '000001.SZ'],
      [3, '600519.SH'],
      [3, '000858.SZ'],
      [5, '600036.SH'],
    ]);
    expect(r.body.invalid).toEqual([]);
  });

  it('refuses oversized, unsupported and malformed uploads with stable codes', async () => {
    const big = await upload(new Uint8Array(5 * 1024 * 1024 + 1).fill(0x31), 'big.csv');
    expect(big).toMatchObject({ status: 413, body: { code: 'POOL_FILE_TOO_LARGE' } });
    const xls = await upload(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls');
    expect(xls).toMatchObject({ status: 400, body: { code: 'POOL_FILE_UNSUPPORTED' } });
    const fakeXlsx = await upload('600000', 'fake.xlsx');
    expect(fakeXlsx).toMatchObject({ status: 400, body: { code: 'POOL_FILE_UNSUPPORTED' } });
    const wrongField = await upload('600000', 'pool.csv', 'upload');
    expect(wrongField).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const tooManyRows = await t.api('POST', '/admin/stock-pools/preview', { token: admin, body: { text: '600000\n'.repeat(10_001) } });
    expect(tooManyRows).toMatchObject({ status: 400, body: { code: 'POOL_TOO_MANY_ROWS' } });
    const neither = await t.api('POST', '/admin/stock-pools/preview', { token: admin, body: {} });
    expect(neither).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const bigText = await t.api('POST', '/admin/stock-pools/preview', { token: admin, body: { text: 'x'.repeat(1_100_000) } });
    expect(bigText).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect((await upload('600000', 'pool.csv', 'file', member)).status).toBe(403);
  });
});

describe('create and manage draft pools', () => {
  it('refuses unknown, duplicate and delisted codes with the offending entries, writing nothing', async () => {
    const r = await t.api('POST', '/admin/stock-pools', {
      token: admin,
      body: { name: '坏池', startsOn: '2026-10-01', endsOn: '2026-12-31', codes: ['600000', '600000.SH', '999999', 'nope', '600432.SH', '000001.SZ'] },
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('POOL_INVALID_CODES');
    expect(r.body.details.invalid.map((i: { line: number; value: string; reason: string }) => [i.line, i.value, i.reason])).toEqual([
      [2, '600000.SH', 'DUPLICATE'],
      [3, '999999', 'UNKNOWN'],
      [4, 'nope', 'FORMAT'],
      [5, '600432.SH', 'DELISTED'],
    ]);
    expect((await t.db.query('SELECT count(*)::int AS n FROM stock_pools')).rows[0].n).toBe(0);

    const skipped = await t.api('POST', '/admin/stock-pools', {
      token: admin,
      body: { name: '跳过无效', startsOn: '2026-10-01', endsOn: '2026-12-31', codes: ['600000', '600000.SH', '999999', '000001.SZ'], skipInvalid: true },
    });
    expect(skipped.status).toBe(201);
    expect(skipped.body).toMatchObject({ name: '跳过无效', status: 'draft', stockCount: 2, startsOn: '2026-10-01', endsOn: '2026-12-31', activatedAt: null, archivedAt: null });
    const allBad = await t.api('POST', '/admin/stock-pools', { token: admin, body: { name: 'x', startsOn: '2026-10-01', endsOn: '2026-12-31', codes: ['999999'], skipInvalid: true } });
    expect(allBad).toMatchObject({ status: 400, body: { code: 'POOL_INVALID_CODES' } });
  });

  it('creates, lists, shows, edits and deletes a draft, audited', async () => {
    const pool = await createPool(t, admin, ['sh600519', '000858', '600036.SH'], '2027年Q1', { startsOn: '2027-01-01', endsOn: '2027-03-31' });
    const detail = await t.api('GET', `/admin/stock-pools/${pool.id}`, { token: admin });
    expect(detail.status).toBe(200);
    expect(detail.body.items).toEqual([
      { position: 1, tsCode: '600519.SH', name: '贵州茅台', status: 'listed', holders: 0 },
      { position: 2, tsCode: '000858.SZ', name: '五粮液', status: 'listed', holders: 0 },
      { position: 3, tsCode: '600036.SH', name: '招商银行', status: 'listed', holders: 0 },
    ]);
    const list = await t.api('GET', '/admin/stock-pools?status=draft&pageSize=1', { token: admin });
    expect(list.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(Object.keys(list.body.items[0])).toEqual(expect.arrayContaining(['id', 'name', 'status', 'startsOn', 'endsOn', 'stockCount']));
    expect((await t.api('GET', '/admin/stock-pools?q=Q1', { token: admin })).body.items.map((p: { id: string }) => p.id)).toEqual([pool.id]);
    expect((await t.api('GET', '/admin/stock-pools?status=active', { token: admin })).body.total).toBe(0);

    const patched = await t.api('PATCH', `/admin/stock-pools/${pool.id}`, { token: admin, body: { name: '2027年第一季度', endsOn: '2027-04-30' } });
    expect(patched.body).toMatchObject({ name: '2027年第一季度', startsOn: '2027-01-01', endsOn: '2027-04-30', stockCount: 3 });
    const badOrder = await t.api('PATCH', `/admin/stock-pools/${pool.id}`, { token: admin, body: { startsOn: '2027-05-01' } });
    expect(badOrder).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });

    expect((await t.api('DELETE', `/admin/stock-pools/${pool.id}`, { token: admin })).status).toBe(204);
    expect((await t.api('GET', `/admin/stock-pools/${pool.id}`, { token: admin })).status).toBe(404);
    expect((await t.db.query('SELECT count(*)::int AS n FROM stock_pool_items WHERE pool_id = $1', [pool.id])).rows[0].n).toBe(0);
    const actions = await t.db.query(`SELECT action FROM operation_logs WHERE target_id = $1 ORDER BY id`, [pool.id]);
    expect(actions.rows.map((a) => a.action)).toEqual(['stock_pool.create', 'stock_pool.update', 'stock_pool.delete']);
  });

  it('an active pool can be neither edited nor deleted; only one pool is active', async () => {
    const a = await createPool(t, admin, LISTED.slice(0, 10), 'A');
    const b = await createPool(t, admin, LISTED.slice(10, 20), 'B');
    expect((await t.api('POST', `/admin/stock-pools/${a.id}/activate`, { token: admin })).status).toBe(202);
    expect((await t.api('PATCH', `/admin/stock-pools/${a.id}`, { token: admin, body: { name: 'x' } })).body.code).toBe('POOL_NOT_DRAFT');
    expect((await t.api('DELETE', `/admin/stock-pools/${a.id}`, { token: admin })).status).toBe(409);
    expect((await t.api('POST', `/admin/stock-pools/${b.id}/activate`, { token: admin })).status).toBe(202);
    const statuses = await t.db.query(`SELECT name, status FROM stock_pools WHERE id = ANY($1) ORDER BY name`, [[a.id, b.id]]);
    expect(statuses.rows).toEqual([{ name: 'A', status: 'archived' }, { name: 'B', status: 'active' }]);
    await expect(t.db.query(`UPDATE stock_pools SET status = 'active' WHERE id = $1`, [a.id])).rejects.toThrow(/uq_stock_pools_active/);
  });
});

describe('bad input on every write route', () => {
  const validCreate = { name: 'P', startsOn: '2026-10-01', endsOn: '2026-12-31', codes: ['600000.SH'] };
  const routes = () => [
    { method: 'POST', path: '/admin/stock-pools', body: validCreate, stringField: 'name' },
    { method: 'POST', path: '/admin/stock-pools/preview', body: { text: '600000' }, stringField: 'text' },
    { method: 'PATCH', path: `/admin/stock-pools/${draftId}`, body: { name: 'new name' }, stringField: 'name' },
  ];
  let draftId = '';
  beforeAll(async () => {
    draftId = (await createPool(t, admin, ['600000.SH'], 'draft for bad input')).id;
  });

  it('unknown field, wrong type, missing field → 400 VALIDATION_FAILED; non-admin → 403; no token → 401', async () => {
    for (const route of routes()) {
      const send = (body: unknown, token: string | null = admin) => t.api(route.method, route.path, { token: token ?? undefined, body });
      const unknown = await send({ ...route.body, surprise: 1 });
      expect({ route: route.path, status: unknown.status, code: unknown.body.code }).toEqual({ route: route.path, status: 400, code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(unknown.body.details)).toContain('surprise');
      const wrongType = await send({ ...route.body, [route.stringField]: 12345 });
      expect({ route: route.path, status: wrongType.status }).toEqual({ route: route.path, status: 400 });
      expect((await send(route.body, member)).status).toBe(403);
      expect((await send(route.body, null)).status).toBe(401);
    }
    const missing = [
      { name: 'P', startsOn: '2026-10-01', endsOn: '2026-12-31' },
      { name: 'P', startsOn: '2026-10-01', codes: ['600000'] },
      { startsOn: '2026-10-01', endsOn: '2026-12-31', codes: ['600000'] },
    ];
    for (const body of missing) expect((await t.api('POST', '/admin/stock-pools', { token: admin, body })).body.code).toBe('VALIDATION_FAILED');
    const wrong: Array<Record<string, unknown>> = [
      { ...validCreate, codes: [] },
      { ...validCreate, codes: '600000' },
      { ...validCreate, codes: [600000] },
      { ...validCreate, codes: Array(10_001).fill('600000') },
      { ...validCreate, name: '   ' },
      { ...validCreate, name: 'x'.repeat(65) },
      { ...validCreate, startsOn: '2026-02-30' },
      { ...validCreate, startsOn: '2026/10/01' },
      { ...validCreate, endsOn: '2026-09-30' },
      { ...validCreate, skipInvalid: 'yes' },
    ];
    for (const body of wrong) {
      const r = await t.api('POST', '/admin/stock-pools', { token: admin, body });
      expect({ body: JSON.stringify(body).slice(0, 80), status: r.status, code: r.body.code }).toEqual({ body: JSON.stringify(body).slice(0, 80), status: 400, code: 'VALIDATION_FAILED' });
    }
    for (const body of [{ name: 1 }, { startsOn: 'tomorrow' }, { codes: ['not-a-code'] }]) {
      expect((await t.api('PATCH', `/admin/stock-pools/${draftId}`, { token: admin, body })).status).toBe(400);
    }
  });

  it('POST routes without a body refuse unknown fields too', async () => {
    for (const path of [`/admin/stock-pools/${draftId}/activate`, '/admin/allocations/draws/1/replay', `/admin/allocations/users/${draftId}/reroll`]) {
      const r = await t.api('POST', path, { token: admin, body: { surprise: 1 } });
      expect({ path, status: r.status, code: r.body.code }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('unknown or malformed ids → 404 on every pool route', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const calls: Array<[string, string, unknown?]> = [
        ['GET', `/admin/stock-pools/${id}`],
        ['GET', `/admin/stock-pools/${id}/holders`],
        ['GET', `/admin/stock-pools/${id}/activation`],
        ['PATCH', `/admin/stock-pools/${id}`, { name: 'x' }],
        ['DELETE', `/admin/stock-pools/${id}`],
        ['POST', `/admin/stock-pools/${id}/activate`],
      ];
      for (const [method, path, body] of calls) {
        const r = await t.api(method, path, { token: admin, body });
        expect({ method, path, status: r.status, code: r.body.code }).toEqual({ method, path, status: 404, code: 'POOL_NOT_FOUND' });
      }
    }
    const draft = await t.api('GET', `/admin/stock-pools/${draftId}/activation`, { token: admin });
    expect(draft).toMatchObject({ status: 404, body: { code: 'JOB_NOT_FOUND' } });
    for (const bad of ['status=gone', 'pageSize=0', 'page=abc', 'q=' + 'x'.repeat(65)]) {
      expect((await t.api('GET', `/admin/stock-pools?${bad}`, { token: admin })).status).toBe(400);
    }
    expect((await t.api('GET', '/admin/stock-pools', { token: member })).status).toBe(403);
  });
});
