import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthStore } from '../../src/modules/auth/auth.store.js';
import { FORGET_AFTER_MS } from '../../src/modules/auth/login-throttle.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// The auth store's non-trivial statements on the cloned template database: the lockout counters'
// arithmetic, token-family revocation, single-use captchas and the login-log filters.
let t: TestApp;
let store: AuthStore;
let m: EntityManager;
const row = async (subject: string, source: string) =>
  (await t.db.query('SELECT failed_count AS n, finished_count AS f, locked_until AS l FROM login_throttles WHERE subject = $1 AND source = $2', [subject, source])).rows[0] as
    | { n: number; f: number; l: Date | null }
    | undefined;

beforeAll(async () => {
  t = await startTestApp();
  store = t.app.get(AuthStore);
  m = t.app.get(DataSource).manager;
});
afterAll(async () => t?.close());

describe('AuthStore: failed-login counters', () => {
  it('claims count up and report the failures finished so far; an ended lock or a day of silence starts again', async () => {
    const now = t.clock.now();
    const s = `name:${randomUUID()}`;
    expect(await store.claimSlot(m, s, 'ip', now)).toEqual({ n: 1, finishedBefore: 0, lockedUntil: null });
    await store.slotFailed(m, s, 'ip', null);
    expect(await store.claimSlot(m, s, 'ip', now)).toEqual({ n: 2, finishedBefore: 1, lockedUntil: null });
    // A lock that has ended: the counter restarts at 1 and forgets its finished failures.
    const ended = new Date(now.getTime() - 1000);
    await t.db.query('UPDATE login_throttles SET locked_until = $3 WHERE subject = $1 AND source = $2', [s, 'ip', ended]);
    expect(await store.claimSlot(m, s, 'ip', now)).toEqual({ n: 1, finishedBefore: 0, lockedUntil: null });
    // A running lock is reported and kept.
    const running = new Date(now.getTime() + 60_000);
    await store.slotFailed(m, s, 'ip', running);
    expect(await store.claimSlot(m, s, 'ip', now)).toEqual({ n: 2, finishedBefore: 1, lockedUntil: running });
    // Untouched for more than a day (and not locked): starts again.
    await t.db.query('UPDATE login_throttles SET locked_until = NULL, updated_at = $3 WHERE subject = $1 AND source = $2', [s, 'ip', new Date(now.getTime() - FORGET_AFTER_MS - 1)]);
    expect((await store.claimSlot(m, s, 'ip', now)).n).toBe(1);
  });

  it('a failure never counts more finished than held slots; a lock only ever moves later', async () => {
    const now = t.clock.now();
    const s = `name:${randomUUID()}`;
    await store.claimSlot(m, s, 'ip', now);
    await store.slotFailed(m, s, 'ip', null);
    await store.slotFailed(m, s, 'ip', null); // a stray second report for the same slot
    expect(await row(s, 'ip')).toMatchObject({ n: 1, f: 1 });
    const later = new Date(now.getTime() + 120_000);
    const sooner = new Date(now.getTime() + 60_000);
    await store.slotFailed(m, s, 'ip', later);
    await store.slotFailed(m, s, 'ip', sooner);
    expect((await row(s, 'ip'))!.l).toEqual(later);
  });

  it('a success forgives the failures finished before its claim and its own slot, not the ones racing it', async () => {
    const now = t.clock.now();
    const s = `name:${randomUUID()}`;
    await store.claimSlot(m, s, 'ip', now);
    await store.slotFailed(m, s, 'ip', null); // finished before the success claimed
    const racing = await store.claimSlot(m, s, 'ip', now); // in flight
    const success = await store.claimSlot(m, s, 'ip', now);
    expect([racing.n, success.n, success.finishedBefore]).toEqual([2, 3, 1]);
    await store.slotSucceeded(m, s, 'ip', success, now);
    expect(await row(s, 'ip')).toMatchObject({ n: 1, f: 0 }); // only the racing attempt's slot is left
    await store.slotFailed(m, s, 'ip', null);
    expect(await row(s, 'ip')).toMatchObject({ n: 1, f: 1 });
    // A success with nothing else around: the row is gone.
    const alone = await store.claimSlot(m, s, 'ip', now);
    await store.slotSucceeded(m, s, 'ip', alone, now);
    expect(await row(s, 'ip')).toBeUndefined();
  });

  it('a success keeps a running lock a racing failure set, and clears an ended one', async () => {
    const now = t.clock.now();
    const s = `name:${randomUUID()}`;
    const success = await store.claimSlot(m, s, 'ip', now);
    await store.claimSlot(m, s, 'ip', now);
    const running = new Date(now.getTime() + 60_000);
    await store.slotFailed(m, s, 'ip', running);
    await store.slotSucceeded(m, s, 'ip', success, now);
    expect(await row(s, 'ip')).toMatchObject({ n: 1, l: running });
    await t.db.query('UPDATE login_throttles SET locked_until = $3 WHERE subject = $1 AND source = $2', [s, 'ip', new Date(now.getTime() - 1)]);
    const next = await store.claimSlot(m, s, 'ip', now);
    await store.slotSucceeded(m, s, 'ip', next, now);
    expect(await row(s, 'ip')).toBeUndefined();
  });

  it('the sweep takes counters untouched for a day, not a locked one nor a recent one', async () => {
    const now = t.clock.now();
    const [old, locked, recent] = [`name:${randomUUID()}`, `name:${randomUUID()}`, `name:${randomUUID()}`];
    const dayAgo = new Date(now.getTime() - FORGET_AFTER_MS - 1000);
    for (const s of [old, locked, recent]) await store.claimSlot(m, s, 'ip', s === recent ? now : dayAgo);
    await store.slotFailed(m, locked, 'ip', new Date(now.getTime() + 60_000));
    await store.sweepThrottles(m, now);
    expect([await row(old, 'ip'), (await row(locked, 'ip'))?.n, (await row(recent, 'ip'))?.n]).toEqual([undefined, 1, 1]);
  });

  it('a release gives one slot back and never goes below zero; clearing takes every source of the subject', async () => {
    const now = t.clock.now();
    const s = `name:${randomUUID()}`;
    await store.claimSlot(m, s, 'a', now);
    await store.claimSlot(m, s, '*', now);
    await store.releaseSlot(m, s, 'a');
    await store.releaseSlot(m, s, 'a');
    expect(await row(s, 'a')).toMatchObject({ n: 0 });
    await store.clearThrottles(m, s);
    expect(await row(s, 'a')).toBeUndefined();
    expect(await row(s, '*')).toBeUndefined();
  });
});

describe('AuthStore: tokens, captchas, login log', () => {
  it('revokes a family once (naming its owner), and all of a user but one family', async () => {
    const a = await t.registerMember('store_tok_a');
    const userId = a.user.id as string;
    const familyOf = async (raw: string) => (await store.refreshToken(m, raw.split('.')[0]!))!.familyId;
    const first = await familyOf(a.refreshToken);
    const second = await familyOf((await t.loginAs('store_tok_a', 'member-pass-1')).refreshToken);
    const third = await familyOf((await t.loginAs('store_tok_a', 'member-pass-1')).refreshToken);
    const live = async () => (await t.db.query('SELECT family_id FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY family_id', [userId])).rows.map((r) => r.family_id);
    expect(await store.revokeFamily(m, first, t.clock.now())).toBe(userId);
    expect(await store.revokeFamily(m, first, t.clock.now())).toBeNull();
    expect(await live()).toEqual([second, third].sort());
    await store.revokeUserTokens(m, userId, third, t.clock.now());
    expect(await live()).toEqual([third]);
    await store.revokeUserTokens(m, userId, null, t.clock.now());
    expect(await live()).toEqual([]);
  });

  it('a captcha is taken once; storing one sweeps the expired', async () => {
    const now = t.clock.now();
    const old = randomUUID();
    await store.insertCaptcha(m, { id: old, answerHash: 'a'.repeat(64), expiresAt: new Date(now.getTime() - 1) }, new Date(now.getTime() - 60_000));
    const id = randomUUID();
    await store.insertCaptcha(m, { id, answerHash: 'b'.repeat(64), expiresAt: new Date(now.getTime() + 60_000) }, now);
    expect(await store.takeCaptcha(m, old)).toBeNull();
    expect(await store.takeCaptcha(m, id)).toEqual({ answerHash: 'b'.repeat(64), expiresAt: new Date(now.getTime() + 60_000) });
    expect(await store.takeCaptcha(m, id)).toBeNull();
  });

  it('the login log filters a name by substring with LIKE characters taken literally, and counts what it filters', async () => {
    const at = t.clock.now();
    for (const username of ['a%b_store', 'axxbystore', 'a%b_other']) await store.insertLoginLog(m, { at, userId: null, username, ip: '10.0.0.1', userAgent: null, result: 'bad_credentials' });
    const [rows, total] = await store.listLoginLogs(m, { username: '%b_', page: 1, pageSize: 10 } as never);
    expect(rows.map((r) => r.username).sort()).toEqual(['a%b_other', 'a%b_store']);
    expect(total).toBe(2);
    const [page, all] = await store.listLoginLogs(m, { username: 'a%b_', page: 2, pageSize: 1, sort: 'username,asc' } as never);
    expect([page.map((r) => r.username), all]).toEqual([['a%b_store'], 2]);
  });

  it('login-log rows carry every column; the user agent sorts by its snake-case column, nulls last both ways', async () => {
    const at = new Date('2026-03-03T00:00:00Z');
    const userId = randomUUID();
    for (const ua of ['b-agent', null, 'a-agent']) await store.insertLoginLog(m, { at, userId, username: 'ua_store', ip: null, userAgent: ua, result: 'success' });
    const [asc, total] = await store.listLoginLogs(m, { userId, page: 1, pageSize: 10, sort: 'userAgent:asc' } as never);
    expect(total).toBe(3);
    expect(asc.map((r) => r.userAgent)).toEqual(['a-agent', 'b-agent', null]);
    expect(asc.map(({ id, ...r }) => [typeof id, r])[0]).toEqual(['string', { at, userId, username: 'ua_store', ip: null, userAgent: 'a-agent', result: 'success' }]);
    const [desc] = await store.listLoginLogs(m, { userId, result: 'success', from: at.toISOString(), to: at.toISOString(), page: 1, pageSize: 10, sort: 'userAgent:desc' } as never);
    expect(desc.map((r) => r.userAgent)).toEqual(['b-agent', 'a-agent', null]);
  });
});
