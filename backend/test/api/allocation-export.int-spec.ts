import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { activatePool, createPool, LISTED, seedStocks, waitForHoldings } from './pool-fixtures.js';

let t: TestApp;
let admin: string;
let poolId: string;
let vipUser: string;

/** What the export must contain, straight from the database (same order: allocation id). */
async function expected(where = 'TRUE', params: unknown[] = []) {
  const r = await t.db.query(
    `SELECT a.id, a.user_id, u.username,
            COALESCE((SELECT CASE WHEN s.expires_at > now() THEN s.level ELSE 0 END FROM subscriptions s WHERE s.user_id = u.id), 0) AS vip_level,
            a.pool_id, p.name AS pool_name, a.ts_code, st.name AS stock_name, a.draw_id, a.allocated_at, a.released_at, a.release_reason
       FROM allocations a JOIN users u ON u.id = a.user_id JOIN stock_pools p ON p.id = a.pool_id JOIN stocks st ON st.ts_code = a.ts_code
      WHERE ${where} ORDER BY a.id`,
    params,
  );
  return r.rows.map((x) => ({
    id: x.id,
    userId: x.user_id,
    username: x.username,
    vipLevel: Number(x.vip_level),
    poolId: x.pool_id,
    poolName: x.pool_name,
    tsCode: x.ts_code,
    stockName: x.stock_name,
    drawId: x.draw_id,
    allocatedAt: x.allocated_at.toISOString(),
    releasedAt: x.released_at?.toISOString() ?? null,
    releaseReason: x.release_reason,
  }));
}

async function download(query: string, token = admin) {
  const res = await fetch(`${t.baseUrl}/api/v1/admin/allocations/export?${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

async function parseXlsx(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const [header, ...data] = rows;
  const keys = ['id', 'userId', 'username', 'vipLevel', 'poolId', 'poolName', 'tsCode', 'stockName', 'drawId', 'allocatedAt', 'releasedAt', 'releaseReason'];
  return { header, records: data.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? null]))) };
}

beforeAll(async () => {
  t = await startTestApp();
  // The vipLevel filter reads the database clock; keep the fake clock on real time.
  t.clock.set(new Date());
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  await seedStocks(t);
  // 1,200 members straight into the database (6,000 allocations: more than one export batch).
  await t.db.query(
    `INSERT INTO users (username, password_hash, role) SELECT 'bulk_' || g, 'x', 'user' FROM generate_series(1, 1200) g`,
  );
  const old = await createPool(t, admin, LISTED.slice(0, 20), 'Old pool');
  await activatePool(t, admin, old.id);
  const pool = await createPool(t, admin, LISTED.slice(10, 40), '导出测试池');
  poolId = pool.id;
  await activatePool(t, admin, poolId);
  const m = await t.registerMember('exported_vip');
  vipUser = m.user.id;
  await waitForHoldings(t, vipUser, 5);
  expect((await t.api('POST', `/admin/users/${vipUser}/vip-grants`, { token: admin, body: { level: 2, months: 3, reason: 'export test' } })).status).toBe(201);
  await waitForHoldings(t, vipUser, 20);
});
afterAll(async () => t?.close());

describe('allocation export', () => {
  it('JSON: the whole table, streamed as one array, equals the database', async () => {
    const r = await download('format=json');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="allocations-\d{8}-\d{6}\.json"$/);
    const records = JSON.parse(r.body.toString('utf8'));
    const want = await expected();
    expect(want.length).toBeGreaterThan(12_000);
    expect(records).toEqual(want);
  });

  it('JSON is the default format; filters by pool, user, level and active', async () => {
    const byPool = JSON.parse((await download(`poolId=${poolId}&active=true`)).body.toString());
    expect(byPool).toEqual(await expected('a.pool_id = $1 AND a.released_at IS NULL', [poolId]));
    const byUser = JSON.parse((await download(`userId=${vipUser}`)).body.toString());
    expect(byUser).toEqual(await expected('a.user_id = $1', [vipUser]));
    expect(byUser.filter((x: { releasedAt: string | null }) => x.releasedAt === null)).toHaveLength(20);
    const vip2 = JSON.parse((await download('vipLevel=2')).body.toString());
    expect(vip2.length).toBe(20);
    expect(new Set(vip2.map((x: { username: string; vipLevel: number }) => `${x.username}:${x.vipLevel}`))).toEqual(new Set(['exported_vip:2']));
    const released = JSON.parse((await download('active=false')).body.toString());
    expect(released.length).toBe(6000);
    expect(new Set(released.map((x: { releaseReason: string }) => x.releaseReason))).toEqual(new Set(['rotation']));
    const none = JSON.parse((await download(`userId=00000000-0000-4000-8000-000000000000`)).body.toString());
    expect(none).toEqual([]);
  });

  it('XLSX: parsed back with exceljs, the rows equal the database', async () => {
    const r = await download(`format=xlsx&poolId=${poolId}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers.get('content-disposition')).toMatch(/filename="allocations-\d{8}-\d{6}\.xlsx"/);
    const { header, records } = await parseXlsx(r.body);
    expect(header).toEqual(['分配ID', '用户ID', '用户名', 'VIP等级', '股票池ID', '股票池', '股票代码', '股票名称', '抽取ID', '分配时间', '释放时间', '释放原因']);
    // Times as an operator reads them: Asia/Shanghai wall clock with its offset (not UTC text).
    const shanghai = (iso: string | null) => (iso === null ? null : new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00'));
    const rows = await expected('a.pool_id = $1', [poolId]);
    expect(records).toEqual(rows.map((x) => ({ ...x, allocatedAt: shanghai(x.allocatedAt), releasedAt: shanghai(x.releasedAt) })));
    expect(String(records[0]!.allocatedAt)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
  });

  it('refuses bad filters and non-admins', async () => {
    for (const bad of ['format=csv', 'poolId=x', 'vipLevel=5', 'active=1', 'extra=1']) {
      const r = await download(bad);
      expect({ bad, status: r.status, code: JSON.parse(r.body.toString()).code }).toEqual({ bad, status: 400, code: 'VALIDATION_FAILED' });
    }
    const member = await t.loginAs('exported_vip', 'member-pass-1');
    expect((await download('format=json', member.accessToken)).status).toBe(403);
  });
});
