import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  for (const name of ['sort_carol', 'sort_alice', 'sort_bob']) {
    await t.registerMember(name);
    await t.loginAs(name, 'member-pass-1');
  }
  // Operation-log rows with distinct actions and targets (admin creates three members).
  for (const name of ['made_zed', 'made_amy', 'made_kim']) {
    expect((await t.api('POST', '/admin/users', { token: admin, body: { username: name, password: 'Member-pass-123', role: 'user' } })).status).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const list = async (route: string) => {
  const r = await t.api('GET', route, { token: admin });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items as Array<Record<string, unknown>>;
};

const sorted = (values: unknown[], dir: 'asc' | 'desc') => {
  const copy = [...values].sort((a, b) => String(a).localeCompare(String(b), 'en'));
  return dir === 'asc' ? copy : copy.reverse();
};

describe('lists sort server-side on their visible columns', () => {
  it('users by username both ways', async () => {
    for (const dir of ['asc', 'desc'] as const) {
      const items = await list(`/admin/users?q=sort_&sort=username:${dir}`);
      expect(items.map((u) => u.username)).toEqual(dir === 'asc' ? ['sort_alice', 'sort_bob', 'sort_carol'] : ['sort_carol', 'sort_bob', 'sort_alice']);
    }
  });

  it('operation logs, login logs, jobs, outbox, syncs, switch logs, signal days and runs accept their sorts', async () => {
    const ops = await list('/admin/operation-logs?sort=targetId:asc&pageSize=100');
    const ids = ops.map((o) => o.targetId);
    expect(ids).toEqual(sorted(ids, 'asc'));
    const logins = await list('/admin/login-logs?sort=username:desc&pageSize=100');
    const names = logins.map((l) => l.username);
    expect(names.length).toBeGreaterThan(2);
    expect(names).toEqual(sorted(names, 'desc'));
    for (const route of [
      '/admin/jobs?sort=status:asc',
      '/admin/outbox?sort=subject:asc',
      '/admin/market-data/syncs?sort=createdAt:asc',
      '/admin/data-sources/switch-logs?sort=operation:asc',
      '/admin/signals/days?sort=rowCount:asc',
      '/admin/signals/runs?sort=finishedAt:desc',
      '/admin/stock-pools?sort=name:asc',
      '/admin/allocations?sort=stockName:asc',
      '/admin/allocations/draws?sort=createdAt:asc',
    ]) {
      const r = await t.api('GET', route, { token: admin });
      expect({ route, status: r.status }).toEqual({ route, status: 200 });
    }
  });

  it('refuses a sort on a column the list does not show (400, never reaching SQL)', async () => {
    for (const route of ['/admin/operation-logs?sort=before:asc', '/admin/users?sort=passwordHash:asc', '/admin/allocations?sort=a.id;drop:asc', '/admin/signals/days?sort=chainHash']) {
      const r = await t.api('GET', route, { token: admin });
      expect({ route, status: r.status, code: r.body.code }).toEqual({ route, status: 400, code: 'VALIDATION_FAILED' });
    }
  });
});

describe('XLSX exports of operator lists', () => {
  async function download(route: string) {
    const res = await fetch(`${t.baseUrl}/api/v1${route}`, { headers: { authorization: `Bearer ${admin}` } });
    const buf = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) return { status: res.status, rows: [] as unknown[][], disposition: null };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { status: res.status, rows, disposition: res.headers.get('content-disposition') };
  }

  it('users: filtered and sorted like the list, times in Asia/Shanghai with offset', async () => {
    const r = await download('/admin/users/export?q=sort_&sort=username:asc');
    expect(r.status).toBe(200);
    expect(r.disposition).toMatch(/filename="users-\d{8}-\d{6}\.xlsx"/);
    const [header, ...data] = r.rows;
    expect(header).toContain('用户名');
    const nameCol = header!.indexOf('用户名');
    expect(data.map((row) => row[nameCol])).toEqual(['sort_alice', 'sort_bob', 'sort_carol']);
    const createdCol = header!.indexOf('注册时间');
    expect(String(data[0]![createdCol])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
  });

  it('operation logs: every row of the filter, with Shanghai times', async () => {
    const r = await download('/admin/operation-logs/export?action=user.create&sort=targetId:asc');
    expect(r.status).toBe(200);
    const [header, ...data] = r.rows;
    expect(header).toContain('操作');
    expect(data.length).toBe(3);
    expect(String(data[0]![header!.indexOf('时间')])).toMatch(/\+08:00$/);
  });

  it('members cannot export', async () => {
    const m = await t.loginAs('sort_alice', 'member-pass-1');
    const res = await fetch(`${t.baseUrl}/api/v1/admin/users/export`, { headers: { authorization: `Bearer ${m.accessToken}` } });
    expect(res.status).toBe(403);
  });
});
