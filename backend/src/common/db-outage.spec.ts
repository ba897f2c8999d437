import { describe, expect, it } from 'vitest';
import { DbOutageLog, RepeatLimiter } from './db-outage.js';

function recorder() {
  const lines: string[] = [];
  return { lines, logger: { warn: (m: string) => lines.push(`warn ${m}`), log: (m: string) => lines.push(`log ${m}`) } };
}
const down = Object.assign(new Error('the database system is starting up'), { code: '57P03' });

describe('DbOutageLog', () => {
  it('logs one line when the database goes away and one when it is back', () => {
    const { lines, logger } = recorder();
    let t = 1000;
    const log = new DbOutageLog(logger, 1000, () => t);
    for (let i = 0; i < 500; i++) expect(log.report(i % 2 ? 'worker vip' : 'requests', down)).toBe(true);
    expect(lines).toEqual(['warn database unavailable (requests: 57P03); requests answer 503 DB_UNAVAILABLE and queues wait until it is back']);
    expect(log.down).toBe(true);
    t = 13_500;
    log.recovered();
    expect(lines[1]).toBe('log database back after 12.5 s (499 further errors while it was down, from requests, worker vip)');
    expect(log.down).toBe(false);
    log.recovered();
    expect(lines).toHaveLength(2);
    // A second outage is logged again.
    log.report('requests', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    expect(lines).toHaveLength(3);
  });

  it('leaves other errors to the caller', () => {
    const { lines, logger } = recorder();
    const log = new DbOutageLog(logger);
    expect(log.report('requests', new Error('duplicate key'))).toBe(false);
    expect(log.report('requests', Object.assign(new Error('x'), { code: '23505' }))).toBe(false);
    expect(lines).toEqual([]);
  });

  it('ends the outage when the probe answers', async () => {
    const { lines, logger } = recorder();
    const log = new DbOutageLog(logger, 5);
    let answers = false;
    let probes = 0;
    log.setProbe(async () => {
      probes++;
      if (!answers) throw down;
    });
    log.report('worker vip', down);
    await new Promise((r) => setTimeout(r, 40));
    expect(log.down).toBe(true);
    expect(probes).toBeGreaterThan(1);
    answers = true;
    await expect.poll(() => log.down).toBe(false);
    expect(lines.at(-1)).toMatch(/^log database back after/);
    log.stop();
  });
});

describe('RepeatLimiter', () => {
  it('lets the same key through once per period', () => {
    let t = 0;
    const r = new RepeatLimiter(60_000, () => t);
    expect(r.shouldLog('a')).toBe(true);
    expect(r.shouldLog('a')).toBe(false);
    expect(r.shouldLog('b')).toBe(true);
    t = 60_000;
    expect(r.shouldLog('a')).toBe(true);
  });
});
