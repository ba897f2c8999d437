import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  it('12 parallel logins (11 wrong, 1 right): at most 3 passwords are checked without a captcha', async () => {
    for (let trial = 0; trial < 3; trial++) {
      const name = `burst_${trial}`;
      await t.registerMember(name);
      const bodies = Array.from({ length: 12 }, (_, i) => ({ username: name, password: i === 6 ? 'member-pass-1' : `wrong-pass-${i}` }));
      const res = await Promise.all(bodies.map((b) => login(b, '10.1.0.1')));
      const statuses = res.map((r) => r.status);
      const checked = statuses.filter((s) => s === 200 || s === 401).length;
      expect(checked, JSON.stringify(statuses)).toBeLessThanOrEqual(3);
      expect(statuses.every((s) => [200, 401, 428, 423].includes(s))).toBe(true);
      expect(await verifiedPasswords(name)).toBe(checked);
    }
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
