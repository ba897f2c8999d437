import fs from 'node:fs';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, fundAgent, loginAgentSkippingChange } from '../setup/agents.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { waitFor } from '../setup/wait-for.js';

/**
 * Card keys over HTTP: batches, export, redeem races, void races, projects and the signed verify
 * API, unbind, scoping, bad input, and no code in any log line. The app runs at LOG_LEVEL=debug
 * and everything it writes to stdout/stderr is captured and searched for the codes at the end.
 */
let t: TestApp;
let admin: string;
const captured: string[] = [];
const allCodes = new Set<string>();
const origWriteSync = fs.writeSync;
const origWrite = fs.write;
const origStdout = process.stdout.write.bind(process.stdout);
const origStderr = process.stderr.write.bind(process.stderr);

function capture() {
  const keep = (chunk: unknown) => captured.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : ArrayBuffer.isView(chunk) ? Buffer.from(chunk.buffer).toString('utf8') : String(chunk));
  (fs as { writeSync: unknown }).writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd === 1 || fd === 2) {
      keep(data);
      return typeof data === 'string' ? Buffer.byteLength(data) : (data as Buffer).length;
    }
    return (origWriteSync as (...a: unknown[]) => number)(fd, data, ...rest);
  }) as typeof fs.writeSync;
  (fs as { write: unknown }).write = ((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd === 1 || fd === 2) {
      keep(data);
      const cb = rest.find((r) => typeof r === 'function') as ((e: null, n: number) => void) | undefined;
      cb?.(null, typeof data === 'string' ? Buffer.byteLength(data) : (data as Buffer).length);
      return;
    }
    return (origWrite as (...a: unknown[]) => void)(fd, data, ...rest);
  }) as typeof fs.write;
  process.stdout.write = ((c: unknown) => (keep(c), true)) as typeof process.stdout.write;
  process.stderr.write = ((c: unknown) => (keep(c), true)) as typeof process.stderr.write;
}
function release() {
  (fs as { writeSync: unknown }).writeSync = origWriteSync;
  (fs as { write: unknown }).write = origWrite;
  process.stdout.write = origStdout as typeof process.stdout.write;
  process.stderr.write = origStderr as typeof process.stderr.write;
}

beforeAll(async () => {
  capture();
  t = await startTestApp({ LOG_LEVEL: 'debug', ACCESS_TOKEN_TTL_SEC: '86400' });
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
});
afterAll(async () => {
  await t?.close();
  release();
});

let seq = 0;
const CK_PASSWORD = 'agent-pass-123';
async function mkAgent(name: string, parentId?: string): Promise<{ id: string; token: string; username: string }> {
  const username = `${name}${++seq}`;
  const id = await createAgent(t, admin, username, { parentId, password: CK_PASSWORD });
  await fundAgent(t, admin, id, 100_000_000);
  return { id, username, token: (await loginAgentSkippingChange(t, username, CK_PASSWORD)).token };
}
/** Moves the fake clock far ahead: tokens signed before would be expired, so sign in again. */
async function travel(ms: number, ...agents: Array<{ username: string; token: string }>) {
  t.clock.advance(ms);
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  for (const a of agents) a.token = (await t.loginAs(a.username, CK_PASSWORD)).accessToken;
}
async function mkMember(name: string) {
  const m = await t.registerMember(`${name}${++seq}`);
  return { id: m.user.id as string, token: m.accessToken as string };
}

async function batch(token: string, body: Record<string, unknown>) {
  const r = await t.api('POST', '/agent/card-batches', { token, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; count: number; costFen: number; status: string; jobId: string | null };
}

/** Exported CSV → codes (and the trailing count / checksum checked). */
async function exportCsv(token: string, batchId: string): Promise<string[]> {
  const res = await fetch(`${t.baseUrl}/api/v1/agent/card-batches/${batchId}/export?format=csv`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const text = (await res.text()).replace(/^\ufeff/, '');
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toBe('batch_id,code,kind,level_or_project,term,status,redeem_by');
  const trailer = lines[lines.length - 1]!.split(',');
  const rows = lines.slice(1, -1).map((l) => l.split(','));
  const codes = rows.map((r) => r[1]!);
  expect(trailer[0]).toBe('#total');
  expect(Number(trailer[1])).toBe(codes.length);
  expect(trailer[3]).toBe(createHash('sha256').update(codes.map((c) => `${c}\n`).join('')).digest('hex'));
  for (const c of codes) {
    expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    allCodes.add(c);
  }
  return codes;
}

const redeem = (token: string, code: string, ip?: string) => t.api('POST', '/me/card-keys/redeem', { token, body: { code }, headers: ip ? { 'x-forwarded-for': ip } : {} });

describe('prices and batches', () => {
  it('defaults the agent price to 70% of retail; an admin sets one; the quote follows', async () => {
    const a = await mkAgent('pricer');
    const q = await t.api('GET', '/agent/card-prices/quote?level=1&months=3&count=10', { token: a.token });
    expect(q.status).toBe(200);
    const lvl = (await t.api('GET', '/vip-levels')).body.find((l: { level: number }) => l.level === 1);
    expect(q.body).toMatchObject({ retailFen: lvl.priceFen, unitPriceFen: Math.round(lvl.priceFen * 0.7), isDefault: true });
    expect(q.body.costFen).toBe(10 * q.body.unitPriceFen);
    const set = await t.api('PUT', '/admin/card-prices', { token: admin, body: { level: 1, months: 3, priceFen: 5000 } });
    expect(set.status).toBe(200);
    expect(set.body.find((p: { level: number; months: number }) => p.level === 1 && p.months === 3)).toMatchObject({ priceFen: 5000, isDefault: false });
    const q2 = await t.api('GET', '/agent/card-prices/quote?level=1&months=3&count=10', { token: a.token });
    expect(q2.body).toMatchObject({ unitPriceFen: 5000, costFen: 50000 });
    expect((await t.api('PUT', '/admin/card-prices', { token: a.token, body: { level: 1, months: 3, priceFen: 1 } })).status).toBe(403);
  });

  it('generates keys, exports CSV and XLSX with count and checksum, and audits the export', async () => {
    const a = await mkAgent('gen');
    const b = await batch(a.token, { level: 1, months: 3, count: 25, note: '=cmd' });
    expect(b).toMatchObject({ count: 25, status: 'ready', costFen: 25 * 5000 });
    const codes = await exportCsv(a.token, b.id);
    expect(new Set(codes).size).toBe(25);
    const stored = await t.db.query('SELECT lookup_hash, code_sealed, last4 FROM card_keys k JOIN card_batches b ON b.id = k.batch_id WHERE b.id = $1', [b.id]);
    expect(stored.rows).toHaveLength(25);
    const dump = JSON.stringify(stored.rows.map((r) => [r.lookup_hash.toString('latin1'), r.code_sealed.toString('latin1')]));
    for (const c of codes) expect(dump).not.toContain(c.replace(/-/g, ''));

    const res = await fetch(`${t.baseUrl}/api/v1/agent/card-batches/${b.id}/export?format=xlsx`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    const values = ws.getSheetValues().filter(Boolean) as unknown[][];
    const rows = values.slice(1, -1).map((r) => String(r[2]));
    expect(rows).toEqual(codes);
    const last = values[values.length - 1]!;
    expect([last[1], last[2], last[4]]).toEqual(['#total', 25, createHash('sha256').update(codes.map((c) => `${c}\n`).join('')).digest('hex')]);
    const logs = await t.db.query(`SELECT count(*)::int AS n FROM operation_logs WHERE action = 'card_batch.export' AND target_id = $1`, [b.id]);
    expect(logs.rows[0].n).toBe(2);
  });

  it('takes the cost from the agent’s quota in the batch’s transaction and gives the unused keys’ share back on void', async () => {
    const a = await mkAgent('ledger');
    const balance = async () => (await t.api('GET', '/ledger/accounts/me', { token: a.token })).body.availableFen as number;
    const start = await balance();
    const unit = (await t.api('GET', '/agent/card-prices/quote?level=1&months=3&count=1', { token: a.token })).body.unitPriceFen as number;
    const b = await batch(a.token, { level: 1, months: 3, count: 4 });
    expect(b.costFen).toBe(4 * unit);
    expect(await balance()).toBe(start - 4 * unit);
    const [c] = await exportCsv(a.token, b.id);
    expect((await redeem((await mkMember('lm')).token, c!)).status).toBe(200);
    expect((await t.api('POST', `/agent/card-batches/${b.id}/void`, { token: a.token })).body).toEqual({ voided: 3, refundFen: 3 * unit });
    expect(await balance()).toBe(start - unit);
    const check = await t.api('GET', '/admin/ledger/check', { token: admin });
    expect(check.body).toMatchObject({ ok: true });

    // not enough quota: 409 and nothing written
    const poorName = `poor${++seq}`;
    await createAgent(t, admin, poorName, { password: CK_PASSWORD });
    const poorToken = (await loginAgentSkippingChange(t, poorName, CK_PASSWORD)).token;
    const before = await t.db.query('SELECT count(*)::int AS n FROM card_batches');
    const r = await t.api('POST', '/agent/card-batches', { token: poorToken, body: { level: 1, months: 3, count: 2 } });
    expect([r.status, r.body.code]).toEqual([409, 'LEDGER_INSUFFICIENT_FUNDS']);
    expect((await t.db.query('SELECT count(*)::int AS n FROM card_batches')).rows).toEqual(before.rows);
  });

  it('runs large batches as a background job with progress', async () => {
    const a = await mkAgent('big');
    const b = await batch(a.token, { level: 2, months: 1, count: 1500 });
    expect(b.status).toBe('generating');
    expect(b.jobId).toBeTruthy();
    const done = await waitFor(() => t.api('GET', `/agent/card-batches/${b.id}`, { token: a.token }), (r) => r.body.status !== 'generating', 'batch ready', 60_000);
    expect(done.body).toMatchObject({ status: 'ready', generated: 1500, unusedCount: 1500 });
    const job = await t.api('GET', `/admin/jobs/${b.jobId}`, { token: admin });
    expect(job.body).toMatchObject({ status: 'done', processed: 1500, total: 1500 });
    expect(await exportCsv(a.token, b.id)).toHaveLength(1500);
  });

  it('is idempotent per idempotencyKey and refuses the key with another body', async () => {
    const a = await mkAgent('idem');
    const body = { level: 1, months: 3, count: 3, idempotencyKey: 'idem-key-0001' };
    const [r1, r2] = await Promise.all([t.api('POST', '/agent/card-batches', { token: a.token, body }), t.api('POST', '/agent/card-batches', { token: a.token, body })]);
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect(r1.body.id).toBe(r2.body.id);
    const n = await t.db.query('SELECT count(*)::int AS n FROM card_batches WHERE owner_id = $1', [a.id]);
    expect(n.rows[0].n).toBe(1);
    const other = await t.api('POST', '/agent/card-batches', { token: a.token, body: { ...body, count: 4 } });
    expect([other.status, other.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('refuses bad input with 4xx and writes nothing', async () => {
    const a = await mkAgent('bad');
    const before = await t.db.query('SELECT (SELECT count(*) FROM card_batches) AS b, (SELECT count(*) FROM card_keys) AS k, (SELECT count(*) FROM card_projects) AS p, (SELECT count(*) FROM card_prices) AS pr');
    const bad: Array<[string, string, unknown, string?]> = [
      ['POST', '/agent/card-batches', { level: 1, months: 3, count: 0 }],
      ['POST', '/agent/card-batches', { level: 1, months: 3, count: 10_001 }],
      ['POST', '/agent/card-batches', { level: 9, months: 3, count: 1 }],
      ['POST', '/agent/card-batches', { level: 1, months: 0, count: 1 }],
      ['POST', '/agent/card-batches', { level: 1, months: 3, count: 1.5 }],
      ['POST', '/agent/card-batches', { level: '1', months: 3, count: 1 }],
      ['POST', '/agent/card-batches', { level: 1, months: 3, count: 1, extra: 1 }],
      ['POST', '/agent/card-batches', { level: 1, months: 3, count: 1, note: 'a\u0000b' }],
      ['POST', '/agent/card-batches', { level: 1, months: 3, count: 1, redeemBy: '2020-01-01T00:00:00Z' }],
      ['POST', '/agent/card-batches', { level: 1, months: 3, projectId: '00000000-0000-4000-8000-000000000000', durationDays: 3, count: 1 }],
      ['POST', '/agent/card-batches', { projectId: '00000000-0000-4000-8000-000000000000', durationDays: 3, count: 1 }],
      ['POST', '/agent/card-batches', { count: 1 }],
      ['POST', '/agent/card-batches', { level: 1, months: 3, count: 1, idempotencyKey: 'short' }],
      ['POST', '/admin/projects', { name: '' }, admin],
      ['POST', '/admin/projects', { name: 'x', callbackUrl: 'javascript:alert(1)' }, admin],
      ['POST', '/admin/projects', { name: 'x', retailFenPer30d: -1 }, admin],
      ['PUT', '/admin/card-prices', { level: 1, months: 3, priceFen: -5 }, admin],
      ['PUT', '/admin/card-prices', { level: 1, months: 3, priceFen: 2 ** 60 }, admin],
      ['PUT', '/admin/card-prices', { level: 0, months: 3, priceFen: 5 }, admin],
      ['PUT', '/admin/card-settings', { unbindCooldownHours: -1 }, admin],
      ['POST', '/me/card-keys/redeem', { code: 12 }],
    ];
    const member = await mkMember('badm');
    for (const [method, route, body, token] of bad) {
      const r = await t.api(method, route, { token: token ?? (route.startsWith('/me') ? member.token : a.token), body });
      expect(r.status, `${method} ${route} ${JSON.stringify(body)} → ${r.status} ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
    const after = await t.db.query('SELECT (SELECT count(*) FROM card_batches) AS b, (SELECT count(*) FROM card_keys) AS k, (SELECT count(*) FROM card_projects) AS p, (SELECT count(*) FROM card_prices) AS pr');
    expect(after.rows).toEqual(before.rows);
    // admins do not generate (no quota of their own)
    expect((await t.api('POST', '/agent/card-batches', { token: admin, body: { level: 1, months: 3, count: 1 } })).status).toBe(403);
    expect((await t.api('POST', '/agent/card-batches', { token: member.token, body: { level: 1, months: 3, count: 1 } })).status).toBe(403);
  });
});

describe('redeem', () => {
  it('accepts the tolerated forms, grants VIP with source card_key, then says used / unknown / void', async () => {
    const a = await mkAgent('red');
    const b = await batch(a.token, { level: 1, months: 3, count: 3 });
    const [c1, c2, c3] = await exportCsv(a.token, b.id);
    const m = await mkMember('redeemer');
    const messy = ` ${c1!.toLowerCase().replace(/-/g, ' ').replace(/1/g, 'l').replace(/0/g, 'o')} `.replace(/[A-Z]/gi, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    const ok = await redeem(m.token, messy);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.user).toMatchObject({ id: m.id, vipLevel: 1 });
    expect(ok.body.grant).toMatchObject({ source: 'card_key', level: 1, months: 3 });
    expect(ok.body.user.vipExpiresAt).toBe(ok.body.grant.expiresAfter);
    expect((await redeem(m.token, c1!)).body.code).toBe('CARD_KEY_USED');
    expect((await redeem(m.token, c1!)).status).toBe(409);
    const unknown = await redeem(m.token, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'CARD_KEY_NOT_FOUND']);
    const garbage = await redeem(m.token, 'not a code');
    expect([garbage.status, garbage.body.code]).toEqual([404, 'CARD_KEY_NOT_FOUND']);
    expect(garbage.body.message).toBe(unknown.body.message);
    const v = await t.api('POST', `/agent/card-batches/${b.id}/void`, { token: a.token });
    expect(v.body).toEqual({ voided: 2, refundFen: 2 * 5000 });
    const m2 = await mkMember('redeemer');
    expect([(await redeem(m2.token, c2!)).status, (await redeem(m2.token, c3!)).body.code]).toEqual([410, 'CARD_KEY_VOID']);
    // agents cannot redeem
    expect((await redeem(a.token, c2!)).status).toBe(403);
  });

  it('a redeem-by date ends a batch: 410 CARD_KEY_EXPIRED', async () => {
    const a = await mkAgent('late');
    const b = await batch(a.token, { level: 1, months: 1, count: 1, redeemBy: new Date(t.clock.now().getTime() + 3600_000).toISOString() });
    const [c] = await exportCsv(a.token, b.id);
    t.clock.advance(2 * 3600_000);
    const m = await mkMember('late');
    const r = await redeem(m.token, c!);
    expect([r.status, r.body.code]).toEqual([410, 'CARD_KEY_EXPIRED']);
  });

  it('many rounds of N parallel redeems of one key: exactly one grant each', async () => {
    const a = await mkAgent('race');
    const ROUNDS = 8;
    const N = 8;
    const b = await batch(a.token, { level: 1, months: 3, count: ROUNDS });
    const codes = await exportCsv(a.token, b.id);
    const members = await Promise.all(Array.from({ length: N }, (_, i) => mkMember(`racer${i}_`)));
    for (const code of codes) {
      const results = await Promise.all(members.map((m) => redeem(m.token, code)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, ...Array(N - 1).fill(409)]);
    }
    const grants = await t.db.query(
      `SELECT g.reference, count(*)::int AS n FROM vip_grants g WHERE g.source = 'card_key' AND g.reference IN (SELECT k.id::text FROM card_keys k WHERE k.batch_id = $1) GROUP BY 1`,
      [b.id],
    );
    expect(grants.rows).toHaveLength(ROUNDS);
    expect(grants.rows.every((r) => r.n === 1)).toBe(true);
    const used = await t.db.query(`SELECT count(*)::int AS n FROM card_keys WHERE batch_id = $1 AND status = 'used'`, [b.id]);
    expect(used.rows[0].n).toBe(ROUNDS);
  });

  it('a void racing redeems ends consistent: each key used or void, refund exactly the voided ones', async () => {
    const a = await mkAgent('voidrace');
    const b = await batch(a.token, { level: 1, months: 3, count: 12 });
    const codes = await exportCsv(a.token, b.id);
    const members = await Promise.all(codes.map((_, i) => mkMember(`vr${i}_`)));
    const [voidRes, ...redeems] = await Promise.all([t.api('POST', `/agent/card-batches/${b.id}/void`, { token: a.token }), ...codes.map((c, i) => redeem(members[i]!.token, c))]);
    expect(voidRes.status).toBe(200);
    const won = redeems.filter((r) => r.status === 200).length;
    expect(redeems.every((r) => r.status === 200 || r.status === 410)).toBe(true);
    expect(won + voidRes.body.voided).toBe(12);
    expect(voidRes.body.refundFen).toBe(voidRes.body.voided * 5000);
    const rows = await t.db.query(`SELECT status, count(*)::int AS n FROM card_keys WHERE batch_id = $1 GROUP BY 1`, [b.id]);
    const by = Object.fromEntries(rows.rows.map((r) => [r.status, r.n]));
    expect((by.used ?? 0) + (by.void ?? 0)).toBe(12);
    expect(by.void ?? 0).toBe(voidRes.body.voided);
    const batchRow = await t.db.query('SELECT voided_count, refunded_fen FROM card_batches WHERE id = $1', [b.id]);
    expect(batchRow.rows[0]).toEqual({ voided_count: voidRes.body.voided, refunded_fen: String(voidRes.body.refundFen) });
    // a second void finds nothing and refunds nothing
    expect((await t.api('POST', `/agent/card-batches/${b.id}/void`, { token: a.token })).body).toEqual({ voided: 0, refundFen: 0 });
  });

  it('locks out a member after repeated wrong codes (not after successes); another member on the same IP still redeems', async () => {
    const a = await mkAgent('lock');
    const b = await batch(a.token, { level: 1, months: 1, count: 8 });
    const codes = await exportCsv(a.token, b.id);
    const ip = '203.0.113.7';
    const good = await mkMember('goodie');
    // successes do not count
    for (const c of codes.slice(0, 6)) expect((await redeem(good.token, c, ip)).status).toBe(200);
    const bad = await mkMember('guesser');
    for (let i = 0; i < 5; i++) expect((await redeem(bad.token, `AAAA-BBBB-CCCC-${String(1000 + i)}`, ip)).status).toBe(404);
    const locked = await redeem(bad.token, codes[6]!, ip);
    expect([locked.status, locked.body.code]).toEqual([429, 'CARD_REDEEM_LOCKED']);
    expect(locked.body.details.retryAfterSeconds).toBe(60);
    // the office colleague behind the same IP is not locked
    const colleague = await mkMember('colleague');
    expect((await redeem(colleague.token, codes[6]!, ip)).status).toBe(200);
    t.clock.advance(61_000);
    expect((await redeem(bad.token, codes[7]!, ip)).status).toBe(200);
  });
});

describe('scoping', () => {
  it('lists sort through the common list-query kit: allowed fields only, either direction', async () => {
    const a = await mkAgent('sorter');
    const big = await batch(a.token, { level: 1, months: 1, count: 3 });
    const small = await batch(a.token, { level: 1, months: 1, count: 1 });
    const ids = async (q: string) => {
      const r = await t.api('GET', `/agent/card-batches?${q}`, { token: a.token });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.items.map((x: { id: string }) => x.id);
    };
    expect(await ids('sort=count:asc')).toEqual([small.id, big.id]);
    expect(await ids('sort=count:desc')).toEqual([big.id, small.id]);
    expect(await ids('sort=count:asc&pageSize=1&page=2')).toEqual([big.id]);
    expect((await t.api('GET', '/agent/card-batches?sort=owner_id:asc', { token: a.token })).status).toBe(400);
    expect((await t.api('GET', '/agent/card-keys?sort=code:asc', { token: a.token })).status).toBe(400);
    const keys = await t.api('GET', `/agent/card-keys?batchId=${big.id}&sort=status:desc`, { token: a.token });
    expect([keys.status, keys.body.total, keys.body.items.length]).toEqual([200, 3, 3]);
    // the single-batch route finds its batch by id (not by scanning the owner's list)
    expect((await t.api('GET', `/agent/card-batches/${small.id}`, { token: a.token })).body).toMatchObject({ id: small.id, count: 1 });
  });

  it('an agent sees its own and its sub-agents’ batches and keys, never a sibling’s; export and void are the owner’s', async () => {
    const parent = await mkAgent('parent');
    const child = await mkAgent('child', parent.id);
    const other = await mkAgent('other');
    const cb = await batch(child.token, { level: 1, months: 1, count: 2 });
    const ob = await batch(other.token, { level: 1, months: 1, count: 2 });
    const plist = await t.api('GET', '/agent/card-batches', { token: parent.token });
    expect(plist.body.items.map((x: { id: string }) => x.id)).toContain(cb.id);
    expect(plist.body.items.map((x: { id: string }) => x.id)).not.toContain(ob.id);
    expect((await t.api('GET', '/agent/card-batches', { token: child.token })).body.items.map((x: { id: string }) => x.id)).toEqual([cb.id]);
    expect((await t.api('GET', `/agent/card-batches/${ob.id}`, { token: parent.token })).status).toBe(404);
    expect((await t.api('GET', `/agent/card-batches/${cb.id}`, { token: parent.token })).status).toBe(200);
    expect((await t.api('GET', `/agent/card-batches/${cb.id}/export?format=csv`, { token: parent.token })).status).toBe(404);
    expect((await t.api('GET', `/agent/card-batches/${ob.id}/export?format=csv`, { token: child.token })).status).toBe(404);
    expect((await t.api('POST', `/agent/card-batches/${ob.id}/void`, { token: parent.token })).status).toBe(404);
    expect((await t.api('POST', `/agent/card-batches/${cb.id}/void`, { token: parent.token })).status).toBe(404);
    const [oc] = await exportCsv(other.token, ob.id);
    expect((await t.api('GET', `/agent/card-keys?code=${encodeURIComponent(oc!)}`, { token: parent.token })).body.total).toBe(0);
    expect((await t.api('GET', `/agent/card-keys?code=${encodeURIComponent(oc!)}`, { token: other.token })).body.total).toBe(1);
    expect((await t.api('GET', `/agent/card-keys?code=${encodeURIComponent(oc!)}`, { token: admin })).body.total).toBe(1);
    expect((await t.api('GET', `/agent/card-keys?batchId=${cb.id}`, { token: parent.token })).body.total).toBe(2);
    const stats = await t.api('GET', '/agent/card-keys/stats', { token: parent.token });
    expect(stats.status).toBe(200);
    expect(stats.body.byStatus.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(2);
    expect((await t.api('POST', `/agent/card-keys/${encodeURIComponent(oc!)}/unbind`, { token: parent.token })).status).toBe(404);
    expect((await t.api('GET', '/agent/card-keys/verifications', { token: child.token })).status).toBe(200);
    const m = await mkMember('nosy');
    for (const route of ['/agent/card-batches', '/agent/card-keys', '/agent/card-keys/stats', '/agent/projects', '/agent/project-applications', '/agent/card-keys/verifications']) {
      expect((await t.api('GET', route, { token: m.token })).status).toBe(403);
    }
  });
});

describe('projects and the verify API', () => {
  let project: { id: string; apiKey: string; apiSecret: string };
  let agent: { id: string; token: string; username: string };
  let codes: string[];
  const callbacks: Array<{ headers: IncomingMessage['headers']; body: string; path: string }> = [];
  let server: Server;
  const PATH = '/api/v1/open/card-keys/verify';

  const signed = (body: string, o: { secret?: string; ts?: number; nonce?: string; apiKey?: string; path?: string; method?: string; sigBody?: string } = {}) => {
    const ts = String(o.ts ?? Math.floor(t.clock.now().getTime() / 1000));
    const nonce = o.nonce ?? randomBytes(12).toString('hex');
    const method = o.method ?? 'POST';
    const path = o.path ?? PATH;
    const hash = createHash('sha256').update(o.sigBody ?? body).digest('hex');
    const sig = createHmac('sha256', o.secret ?? project.apiSecret).update(`${method}\n${path}\n${ts}\n${nonce}\n${hash}`).digest('hex');
    return { 'x-api-key': o.apiKey ?? project.apiKey, 'x-timestamp': ts, 'x-nonce': nonce, 'x-signature': sig };
  };
  const verify = (code: string, deviceId: string, o: Parameters<typeof signed>[1] = {}) => {
    const body = JSON.stringify({ code, deviceId });
    return t.api('POST', '/open/card-keys/verify', { raw: body, headers: signed(body, o) });
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        callbacks.push({ headers: req.headers, body, path: req.url ?? '' });
        res.writeHead(callbacks.length === 1 ? 500 : 204).end(); // the first delivery fails: retried
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    const p = await t.api('POST', '/admin/projects', { token: admin, body: { name: 'Desk app', description: 'desktop', version: '2.1', callbackUrl: `http://127.0.0.1:${port}/hooks/zhice` } });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    project = p.body;
    expect(project.apiSecret).toMatch(/^sk_/);
    const list = await t.api('GET', '/admin/projects', { token: admin });
    expect(JSON.stringify(list.body)).not.toContain(project.apiSecret);
    agent = await mkAgent('proj');
    const denied = await t.api('POST', '/agent/card-batches', { token: agent.token, body: { projectId: project.id, durationDays: 30, count: 3 } });
    expect([denied.status, denied.body.code]).toEqual([403, 'CARD_PROJECT_NOT_AUTHORIZED']);
    const auth = await t.api('POST', `/admin/projects/${project.id}/authorizations`, { token: admin, body: { agentId: agent.id } });
    expect(auth.status).toBe(201);
    const b = await batch(agent.token, { projectId: project.id, durationDays: 30, count: 4 });
    codes = await exportCsv(agent.token, b.id);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('first verify binds the device and starts the validity; the same device passes; another device does not', async () => {
    const first = await verify(codes[0]!, 'device-A');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ valid: true, reason: 'OK', remainingSeconds: 30 * 86_400 });
    expect(new Date(first.body.expiresAt).getTime() - new Date(first.body.activatedAt).getTime()).toBe(30 * 86_400_000);
    t.clock.advance(3600_000);
    const again = await verify(codes[0]!, 'device-A');
    expect(again.body).toMatchObject({ valid: true, activatedAt: first.body.activatedAt, remainingSeconds: 30 * 86_400 - 3600 });
    const other = await verify(codes[0]!, 'device-B');
    expect(other.body).toMatchObject({ valid: false, reason: 'DEVICE_MISMATCH' });
    expect((await verify('ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'device-A')).body).toMatchObject({ valid: false, reason: 'NOT_FOUND' });
    // the activation notice reached the callback URL, signed, after one failed delivery
    await waitFor(async () => callbacks.length, (n) => n >= 2, 'callback retried', 60_000);
    const cb = callbacks[1]!;
    expect(cb.path).toBe('/hooks/zhice');
    const expected = createHmac('sha256', project.apiSecret)
      .update(`POST\n/hooks/zhice\n${cb.headers['x-timestamp']}\n${cb.headers['x-nonce']}\n${createHash('sha256').update(cb.body).digest('hex')}`)
      .digest('hex');
    expect(cb.headers['x-signature']).toBe(expected);
    expect(JSON.parse(cb.body)).toMatchObject({ event: 'card_key.activated', projectId: project.id, deviceId: 'device-A', activatedAt: first.body.activatedAt });
  }, 90_000);

  it('refuses a tampered body, a wrong secret, stale and future timestamps and a replayed nonce with 401', async () => {
    const body = JSON.stringify({ code: codes[1], deviceId: 'device-X' });
    const tampered = await t.api('POST', '/open/card-keys/verify', { raw: body, headers: signed(body, { sigBody: JSON.stringify({ code: codes[1], deviceId: 'device-Y' }) }) });
    expect([tampered.status, tampered.body.code]).toEqual([401, 'OPEN_API_SIGNATURE_INVALID']);
    expect((await verify(codes[1]!, 'device-X', { secret: 'sk_wrong' })).status).toBe(401);
    const now = Math.floor(t.clock.now().getTime() / 1000);
    expect((await verify(codes[1]!, 'device-X', { ts: now - 301 })).status).toBe(401);
    expect((await verify(codes[1]!, 'device-X', { ts: now + 301 })).status).toBe(401);
    expect((await verify(codes[1]!, 'device-X', { path: '/api/v1/open/card-keys/other' })).status).toBe(401);
    expect((await verify(codes[1]!, 'device-X', { apiKey: 'pk_000000000000000000000000' })).status).toBe(401);
    const headers = signed(body, { nonce: 'nonce-replay-1' });
    expect((await t.api('POST', '/open/card-keys/verify', { raw: body, headers })).status).toBe(200);
    const replay = await t.api('POST', '/open/card-keys/verify', { raw: body, headers });
    expect([replay.status, replay.body.code]).toEqual([401, 'OPEN_API_SIGNATURE_INVALID']);
    // none of the refused calls activated the key: the one good call did
    const key = await t.api('GET', `/agent/card-keys?code=${encodeURIComponent(codes[1]!)}`, { token: agent.token });
    expect(key.body.items[0]).toMatchObject({ status: 'used', deviceId: 'device-X' });
  });

  it('query route: same signing, status / activation / expiry; only the project’s own keys', async () => {
    const path = `/api/v1/open/card-keys/${codes[0]}`;
    const q = await t.api('GET', `/open/card-keys/${codes[0]}`, { headers: signed('', { method: 'GET', path }) });
    expect(q.status, JSON.stringify(q.body)).toBe(200);
    expect(q.body).toMatchObject({ status: 'used', durationDays: 30, deviceBound: true });
    const unused = await t.api('GET', `/open/card-keys/${codes[3]}`, { headers: signed('', { method: 'GET', path: `/api/v1/open/card-keys/${codes[3]}` }) });
    expect(unused.body).toMatchObject({ status: 'unused', activatedAt: null });
    const vip = await mkAgent('vipq');
    const [vc] = await exportCsv(vip.token, (await batch(vip.token, { level: 1, months: 1, count: 1 })).id);
    const foreign = await t.api('GET', `/open/card-keys/${vc}`, { headers: signed('', { method: 'GET', path: `/api/v1/open/card-keys/${vc}` }) });
    expect(foreign.body.status).toBe('not_found');
    expect((await t.api('GET', `/open/card-keys/${codes[0]}`, { headers: signed('', { method: 'GET', path, secret: 'nope' }) })).status).toBe(401);
  });

  it('unbind: only a used key, validity kept, audited, with a cooldown', async () => {
    expect((await t.api('POST', `/agent/card-keys/${codes[3]}/unbind`, { token: agent.token })).body.code).toBe('CARD_KEY_NOT_BOUND');
    const before = await t.api('GET', `/agent/card-keys?code=${codes[0]}`, { token: agent.token });
    const u = await t.api('POST', `/agent/card-keys/${codes[0]}/unbind`, { token: agent.token });
    expect(u.status, JSON.stringify(u.body)).toBe(200);
    expect(u.body).toMatchObject({ expiresAt: before.body.items[0].expiresAt, unbindCount: 1 });
    // a new device binds; validity unchanged
    const v = await verify(codes[0]!, 'device-C');
    expect(v.body).toMatchObject({ valid: true, expiresAt: before.body.items[0].expiresAt });
    expect((await verify(codes[0]!, 'device-A')).body.reason).toBe('DEVICE_MISMATCH');
    const again = await t.api('POST', `/agent/card-keys/${codes[0]}/unbind`, { token: agent.token });
    expect([again.status, again.body.code]).toEqual([409, 'CARD_KEY_UNBIND_COOLDOWN']);
    await t.api('PUT', '/admin/card-settings', { token: admin, body: { unbindCooldownHours: 1 } });
    t.clock.advance(3601_000);
    expect((await t.api('POST', `/agent/card-keys/${codes[0]}/unbind`, { token: agent.token })).status).toBe(200);
    const audit = await t.db.query(`SELECT count(*)::int AS n FROM operation_logs WHERE action = 'card_key.unbind'`);
    expect(audit.rows[0].n).toBe(2);
    // expired keys say so and cannot be unbound
    await verify(codes[0]!, 'device-D');
    await travel(31 * 86_400_000, agent);
    expect((await verify(codes[0]!, 'device-D')).body).toMatchObject({ valid: false, reason: 'EXPIRED', remainingSeconds: 0 });
    expect((await t.api('POST', `/agent/card-keys/${codes[0]}/unbind`, { token: agent.token })).body.code).toBe('CARD_KEY_NOT_BOUND');
  });

  it('the verification log shows the owner’s calls (no codes), admins see all', async () => {
    const own = await t.api('GET', `/agent/card-keys/verifications?projectId=${project.id}&pageSize=100`, { token: agent.token });
    expect(own.status).toBe(200);
    expect(own.body.items.map((x: { result: string }) => x.result)).toEqual(expect.arrayContaining(['ACTIVATED', 'OK', 'DEVICE_MISMATCH', 'EXPIRED']));
    const all = await t.api('GET', `/agent/card-keys/verifications?projectId=${project.id}&pageSize=100`, { token: admin });
    expect(all.body.total).toBeGreaterThan(own.body.total); // NOT_FOUND calls have no owner
    expect(own.body.items[0]).toHaveProperty('ip');
    const stranger = await mkAgent('stranger');
    expect((await t.api('GET', '/agent/card-keys/verifications', { token: stranger.token })).body.total).toBe(0);
  });

  it('a disabled project is refused (403), an expired authorisation stops generation, and over the rate limit the project is banned', async () => {
    expect((await t.api('PATCH', `/admin/projects/${project.id}`, { token: admin, body: { enabled: false } })).status).toBe(200);
    const off = await verify(codes[2]!, 'device-Z');
    expect([off.status, off.body.code]).toEqual([403, 'OPEN_API_PROJECT_DISABLED']);
    expect((await t.api('PATCH', `/admin/projects/${project.id}`, { token: admin, body: { enabled: true, rateLimitPerMinute: 3 } })).status).toBe(200);

    const agent2 = await mkAgent('expiring');
    await t.api('POST', `/admin/projects/${project.id}/authorizations`, { token: admin, body: { agentId: agent2.id, expiresAt: new Date(t.clock.now().getTime() + 3600_000).toISOString() } });
    await batch(agent2.token, { projectId: project.id, durationDays: 0, count: 1 });
    t.clock.advance(3601_000);
    const late = await t.api('POST', '/agent/card-batches', { token: agent2.token, body: { projectId: project.id, durationDays: 0, count: 1 } });
    expect([late.status, late.body.code]).toEqual([403, 'CARD_PROJECT_NOT_AUTHORIZED']);

    t.clock.advance(60_000);
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await verify(codes[2]!, 'device-Z')).status);
    expect(results.slice(0, 3)).toEqual([200, 200, 200]);
    expect(results[3]).toBe(429);
    t.clock.advance(5 * 60_000);
    expect((await verify(codes[2]!, 'device-Z')).status).toBe(429); // still banned
    t.clock.advance(6 * 60_000);
    expect((await verify(codes[2]!, 'device-Z')).status).toBe(200);
  });

  it('rotating the secret: the old one stops working', async () => {
    await t.api('PATCH', `/admin/projects/${project.id}`, { token: admin, body: { rateLimitPerMinute: 600 } });
    const old = { ...project };
    const r = await t.api('POST', `/admin/projects/${project.id}/rotate-secret`, { token: admin });
    expect(r.status).toBe(201);
    project = { ...project, apiKey: r.body.apiKey, apiSecret: r.body.apiSecret };
    expect((await verify(codes[2]!, 'device-Z', { apiKey: old.apiKey, secret: old.apiSecret })).status).toBe(401);
    expect((await verify(codes[2]!, 'device-Z')).status).toBe(200);
  });

  it('applications: a sub-agent applies, its parent (authorised itself) approves, which authorises', async () => {
    const parent = await mkAgent('appparent');
    const child = await mkAgent('appchild', parent.id);
    const applied = await t.api('POST', `/agent/projects/${project.id}/applications`, { token: child.token, body: { reason: 'customers want it' } });
    expect(applied.status).toBe(201);
    expect((await t.api('POST', `/agent/projects/${project.id}/applications`, { token: child.token, body: { reason: 'again' } })).status).toBe(409);
    const list = await t.api('GET', '/agent/project-applications?status=pending', { token: parent.token });
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(applied.body.id);
    const outsider = await mkAgent('outsider');
    expect((await t.api('POST', `/agent/project-applications/${applied.body.id}/approve`, { token: outsider.token, body: {} })).status).toBe(404);
    expect((await t.api('POST', `/agent/project-applications/${applied.body.id}/approve`, { token: child.token, body: {} })).status).toBe(404);
    const notYet = await t.api('POST', `/agent/project-applications/${applied.body.id}/approve`, { token: parent.token, body: {} });
    expect(notYet.body.code).toBe('CARD_PROJECT_NOT_AUTHORIZED');
    await t.api('POST', `/admin/projects/${project.id}/authorizations`, { token: admin, body: { agentId: parent.id } });
    const ok = await t.api('POST', `/agent/project-applications/${applied.body.id}/approve`, { token: parent.token, body: {} });
    expect(ok.body).toMatchObject({ status: 'approved' });
    expect((await t.api('POST', `/agent/project-applications/${applied.body.id}/refuse`, { token: admin, body: {} })).body.code).toBe('CARD_APPLICATION_DECIDED');
    const mine = await t.api('GET', '/agent/projects', { token: child.token });
    expect(mine.body.find((p: { id: string }) => p.id === project.id)).toMatchObject({ authorized: true, applicationStatus: 'approved' });
    await batch(child.token, { projectId: project.id, durationDays: 7, count: 1 });
  });
});

describe('logs', () => {
  it('no key code appears in anything the app wrote to stdout or stderr', async () => {
    await new Promise((r) => setTimeout(r, 200));
    const text = captured.join('');
    expect(text.length).toBeGreaterThan(1000); // the app really logged at debug level
    expect(text).toContain('/card-keys/***/unbind');
    expect(allCodes.size).toBeGreaterThan(100);
    for (const c of allCodes) {
      expect(text.includes(c)).toBe(false);
      expect(text.includes(c.replace(/-/g, ''))).toBe(false);
    }
  });
});
