import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailStore } from '../../src/modules/mail/mail.store.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// The mail store's statements on the cloned template database: an outbox mail written as given, and
// the outbox page sorted on each of its columns with the id as tie-breaker, against the rows read plainly.
let t: TestApp;
let store: MailStore;
let ds: DataSource;

beforeAll(async () => {
  t = await startTestApp();
  store = t.app.get(MailStore);
  ds = t.app.get(DataSource);
  await t.db.query('DELETE FROM outbox_mails');
  for (const [to, subject, html] of [
    ['b@x.test', 'Zeta', null],
    ['a@x.test', 'Alpha', '<p>a</p>'],
    ['c@x.test', 'Alpha', null],
  ] as const) {
    await store.insertOutbox(ds.manager, { to, subject, text: `text ${subject}`, html });
  }
}, 120_000);

afterAll(async () => t?.close());

describe('MailStore', () => {
  it('writes the mail as given and reads it back whole', async () => {
    const plain = (await t.db.query('SELECT id, created_at, to_address, subject, text, html FROM outbox_mails ORDER BY id')).rows;
    expect(plain.map((r) => [r.to_address, r.subject, r.text, r.html])).toEqual([
      ['b@x.test', 'Zeta', 'text Zeta', null],
      ['a@x.test', 'Alpha', 'text Alpha', '<p>a</p>'],
      ['c@x.test', 'Alpha', 'text Alpha', null],
    ]);
    const [rows, total] = await store.listOutbox(ds.manager, 'to:asc', { page: 1, pageSize: 10 });
    expect(total).toBe(3);
    expect(rows[0]).toEqual({ id: plain[1].id, createdAt: plain[1].created_at, to: 'a@x.test', subject: 'Alpha', text: 'text Alpha', html: '<p>a</p>' });
  });

  it('sorts (default newest first) on a column both ways with the id breaking ties, and pages', async () => {
    const ids = (await t.db.query('SELECT id FROM outbox_mails ORDER BY id')).rows.map((r) => r.id as string);
    const list = async (sort: string | undefined, page = 1, pageSize = 10) => (await store.listOutbox(ds.manager, sort, { page, pageSize }))[0].map((r) => r.id);
    expect(await list(undefined)).toEqual([...ids].reverse());
    expect(await list('subject:asc')).toEqual([ids[1], ids[2], ids[0]]);
    expect(await list('subject:desc')).toEqual([ids[0], ids[2], ids[1]]);
    expect(await list('to:desc', 2, 2)).toEqual([ids[1]]);
  });
});
