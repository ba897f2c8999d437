import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_SOURCE, LoginThrottleStore } from '../../src/modules/auth/login-throttle.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: 'loopback' });
});
afterAll(async () => t?.close());

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
async function solvedCaptcha(answer = 'ab3d') {
  const c = await t.api('GET', '/auth/captcha');
  await t.db.query('UPDATE captchas SET answer_hash = $2 WHERE id = $1', [c.body.captchaId, sha(answer)]);
  return { captchaId: c.body.captchaId as string, captchaCode: answer };
}
const login = (body: Record<string, unknown>, ip?: string) =>
  t.api('POST', '/auth/login', { body, headers: ip ? { 'x-forwarded-for': ip } : {} });
const verifiedPasswords = async (username: string) =>
  (await t.db.query(`SELECT count(*)::int AS n FROM login_logs WHERE username = $1 AND result IN ('bad_credentials', 'success')`, [username])).rows[0].n as number;

describe('lockout under concurrency (issue 10 item 1)', () => {
  /**
   * Holds the attempts at their first counter statement until all 12 wait there, so they are one
   * burst whatever the machine's load (a plain Promise.all can run as "fail, fail, success, fail",
   * which is sequential use: there the success rightly forgives the failures before it).
   */
  async function burst(bodies: Record<string, unknown>[], ip: string) {
    // The app's pool: an attempt has reached the gate when its connection has sent the claim.
    const pool = (t.app.get(DataSource).driver as unknown as { master: { _clients: { activeQuery?: { text?: string } | null }[] } }).master;
    const atGate = () => pool._clients.filter((c) => c.activeQuery?.text?.startsWith('INSERT INTO login_throttles')).length;
    const gate = await t.db.connect();
    try {
      await gate.query('BEGIN');
      await gate.query('LOCK TABLE login_throttles IN SHARE MODE');
      const pending = bodies.map((b) => login(b, ip));
      for (let i = 0; atGate() < bodies.length; i++) {
        if (i > 1200) throw new Error(`only ${atGate()} of ${bodies.length} attempts reached the counter`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await gate.query('COMMIT');
      return (await Promise.all(pending)).map((r) => r.status);
    } finally {
      gate.release();
    }
  }

  it('12 parallel logins (11 wrong, 1 right): at most 3 passwords are checked without a captcha', async () => {
    for (let trial = 0; trial < 5; trial++) {
      const name = `burst_${trial}`;
      await t.registerMember(name);
      // The right password at a different place each trial.
      const bodies = Array.from({ length: 12 }, (_, i) => ({ username: name, password: i === (trial * 5) % 12 ? 'member-pass-1' : `wrong-pass-${i}` }));
      const statuses = await burst(bodies, '10.1.0.1');
      const checked = statuses.filter((s) => s === 200 || s === 401).length;
      expect(checked, JSON.stringify(statuses)).toBeLessThanOrEqual(3);
      expect(statuses.every((s) => [200, 401, 428, 423].includes(s))).toBe(true);
      expect(await verifiedPasswords(name)).toBe(checked);
    }
  });

  it('a success forgives the failures before it, not the attempts racing it', async () => {
    // Sequential use: two typos, the right password, then the counters start again.
    await t.registerMember('forgiven');
    for (let i = 0; i < 2; i++) expect((await login({ username: 'forgiven', password: 'wrong-pass-x' }, '10.1.1.1')).status).toBe(401);
    expect((await login({ username: 'forgiven', password: 'member-pass-1' }, '10.1.1.1')).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await login({ username: 'forgiven', password: 'wrong-pass-y' }, '10.1.1.1');
      expect(r.body.details, `typo ${i + 1} after the success`).toEqual({ captchaRequired: false });
    }
    const third = await login({ username: 'forgiven', password: 'wrong-pass-y' }, '10.1.1.1');
    expect(third.body.details).toEqual({ captchaRequired: true });

    // Racing: two wrong attempts claim their slots, the right one (the third) succeeds while they
    // are still in flight (held before their password check), then they fail: both stay counted,
    // so the next wrong attempt from that source is the third failure and the one after needs a captcha.
    const racer = await t.registerMember('raced');
    const subject = `user:${racer.user.id}`;
    const store = t.app.get(LoginThrottleStore);
    const now = t.clock.now();
    const inFlight = [];
    for (let i = 0; i < 2; i++) inFlight.push({ source: await store.claim(subject, '10.1.2.1', now), account: await store.claim(subject, ACCOUNT_SOURCE, now) });
    expect(inFlight.map((s) => s.source.n)).toEqual([1, 2]);
    expect((await login({ username: 'raced', password: 'member-pass-1' }, '10.1.2.1')).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      await store.failed(subject, '10.1.2.1', null);
      await store.failed(subject, ACCOUNT_SOURCE, null);
    }
    const next = await login({ username: 'raced', password: 'wrong-pass-z' }, '10.1.2.1');
    expect({ status: next.status, details: next.body.details }).toEqual({ status: 401, details: { captchaRequired: true } });
    expect((await login({ username: 'raced', password: 'wrong-pass-z' }, '10.1.2.1')).status).toBe(428);
  });

  it('with captchas, a burst from one source checks at most 5 passwords in all and locks only that source', async () => {
    await t.registerMember('burst_lock');
    for (let i = 0; i < 3; i++) expect((await login({ username: 'burst_lock', password: 'wrong-pass-x' }, '10.2.0.1')).status).toBe(401);
    const caps = await Promise.all(Array.from({ length: 9 }, () => solvedCaptcha()));
    const res = await Promise.all(caps.map((c, i) => login({ username: 'burst_lock', password: `wrong-${i}-pass`, ...c }, '10.2.0.1')));
    expect(res.filter((r) => r.status === 401).length).toBeLessThanOrEqual(1);
    expect(res.filter((r) => r.status === 423).length).toBeGreaterThanOrEqual(8);
    expect(await verifiedPasswords('burst_lock')).toBeLessThanOrEqual(5);
    // That source is locked out, even with the right password and a captcha...
    expect((await login({ username: 'burst_lock', password: 'member-pass-1', ...(await solvedCaptcha()) }, '10.2.0.1')).status).toBe(423);
    // ...while the owner elsewhere signs in without a captcha.
    expect((await login({ username: 'burst_lock', password: 'member-pass-1' }, '10.2.0.2')).status).toBe(200);
  });

  it('many sources together lock the account for 15 minutes only', async () => {
    await t.registerMember('spread');
    let last = 0;
    for (let i = 0; i < 20; i++) {
      const ip = `10.3.0.${i + 1}`;
      const body = { username: 'spread', password: 'wrong-pass-x', ...(i >= 10 ? await solvedCaptcha() : {}) };
      last = (await login(body, ip)).status;
    }
    expect(last).toBe(423);
    expect((await login({ username: 'spread', password: 'member-pass-1', ...(await solvedCaptcha()) }, '10.3.1.1')).status).toBe(423);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await login({ username: 'spread', password: 'member-pass-1' }, '10.3.1.1')).status).toBe(200);
  });
});

describe('no user enumeration at login (issue 10 item 2)', () => {
  it('a name nobody has answers exactly like an account with a wrong password, captcha gate included', async () => {
    await t.registerMember('real_one');
    const seq = async (username: string, ip: string) => {
      const out: unknown[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await login({ username, password: 'wrong-pass-1' }, ip);
        out.push({ status: r.status, code: r.body.code, details: r.body.details });
      }
      return out;
    };
    const known = await seq('real_one', '10.4.0.1');
    const unknown = await seq('nobody_at_all', '10.4.0.2');
    expect(unknown).toEqual(known);
    expect(known[2]).toEqual({ status: 401, code: 'AUTH_INVALID_CREDENTIALS', details: { captchaRequired: true } });
    expect(known[3]).toMatchObject({ status: 428 });
  });
});

describe('forgot-password answers alike (issue 10 item 2)', () => {
  it('a known and an unknown address get the same answer; the mail comes from the queue', async () => {
    await t.registerMember('forgot_known', { email: 'forgot_known@example.com' });
    const known = await t.api('POST', '/auth/password/forgot', { body: { email: 'forgot_known@example.com' } });
    const unknown = await t.api('POST', '/auth/password/forgot', { body: { email: 'forgot_nobody@example.com' } });
    const shape = (r: typeof known) => ({ status: r.status, body: r.body, cache: r.headers.get('cache-control'), length: r.headers.get('content-length') });
    expect(shape(unknown)).toEqual(shape(known));
    expect(known.status).toBe(204);
    for (let i = 0; i < 100; i++) {
      const n = (await t.db.query(`SELECT count(*)::int AS n FROM outbox_mails WHERE to_address = 'forgot_known@example.com' AND text LIKE '%reset-password%'`)).rows[0].n;
      if (n === 1) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the reset mail never arrived');
  });
});
