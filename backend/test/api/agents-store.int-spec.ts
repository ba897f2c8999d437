import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentsStore } from '../../src/modules/agents/agents.store.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// The agents store's list on the cloned template database: subtree by path (with or without its
// root), search (wildcards literal), status, sort (tree order by default, ties by id) and pages.
let t: TestApp;
let ds: DataSource;
const id: Record<string, string> = {};
const path: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  ds = t.app.get(DataSource);
  // top ─┬─ ag_a ── ag_a_1
  //      └─ ag_b%   (disabled)
  for (const name of ['ag_top', 'ag_a', 'ag_a_1', 'ag_bx']) id[name] = (await t.registerMember(name)).user.id;
  await t.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [id.ag_bx]);
  await ds.transaction(async (m) => {
    for (const [name, parent] of [['ag_top', null], ['ag_a', 'ag_top'], ['ag_a_1', 'ag_a'], ['ag_bx', 'ag_top']] as const) {
      path[name] = `${parent ? path[parent] : '/'}${id[name]}/`;
      await AgentsStore.insertProfile(m, { userId: id[name]!, parentId: parent ? id[parent]! : null, path: path[name]!, depth: path[name]!.split('/').length - 3, createdBy: null });
    }
  });
}, 120_000);

afterAll(async () => t?.close());

const list = (q: Partial<Parameters<typeof AgentsStore.list>[1]>) =>
  AgentsStore.list(ds.manager, { rootPath: path.ag_top!, page: 1, pageSize: 50, ...q });

describe('AgentsStore.list', () => {
  it('a subtree in tree order, without its root when asked, with child counts and parents', async () => {
    const all = await list({});
    expect(all.items.map((a) => a.username)).toEqual(['ag_top', ...(path.ag_a! < path.ag_bx! ? ['ag_a', 'ag_a_1', 'ag_bx'] : ['ag_bx', 'ag_a', 'ag_a_1'])]);
    expect(all.total).toBe(4);
    const below = await list({ excludeId: id.ag_top });
    expect(below.items.map((a) => a.username).sort()).toEqual(['ag_a', 'ag_a_1', 'ag_bx']);
    const a = below.items.find((x) => x.username === 'ag_a')!;
    expect([a.depth, a.childCount, a.parentId, a.parentUsername, typeof a.createdAt]).toEqual([1, 1, id.ag_top, 'ag_top', 'string']);
    expect((await list({ rootPath: path.ag_a })).items.map((x) => x.username)).toEqual(['ag_a', 'ag_a_1']);
  });

  it('searches the username with wildcards taken literally, filters status, counts what it filters', async () => {
    expect((await list({ search: 'a_' })).items.map((a) => a.username)).toEqual(['ag_a_1']);
    expect((await list({ search: 'G_A' })).items.map((a) => a.username)).toEqual(['ag_a', 'ag_a_1']);
    expect((await list({ search: 'g_a_' })).items.map((a) => a.username)).toEqual(['ag_a_1']);
    const disabled = await list({ status: 'disabled' });
    expect([disabled.items.map((a) => a.username), disabled.total]).toEqual([['ag_bx'], 1]);
  });

  it('sorts on a column both ways and pages without overlap', async () => {
    expect((await list({ sort: 'username:asc' })).items.map((a) => a.username)).toEqual(['ag_a', 'ag_a_1', 'ag_bx', 'ag_top']);
    expect((await list({ sort: 'username:desc' })).items.map((a) => a.username)).toEqual(['ag_top', 'ag_bx', 'ag_a_1', 'ag_a']);
    expect((await list({ sort: 'depth:desc', page: 1, pageSize: 1 })).items.map((a) => a.username)).toEqual(['ag_a_1']);
    const p2 = await list({ sort: 'username:asc', page: 2, pageSize: 3 });
    expect([p2.items.map((a) => a.username), p2.total]).toEqual([['ag_top'], 4]);
  });
});
