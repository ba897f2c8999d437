import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverOwners, scanReferences, SRC, type TableRef } from './table-ownership.js';

/**
 * Read models: a module that serves a hot route or a report may READ another module's tables in
 * one statement. Each is listed with its reason; nothing else crosses a boundary. Key:
 * `module -> table @ file`.
 */
const READ_MODELS: Record<string, string> = {
  'allocation -> users @ modules/allocation/allocation.store.ts':
    "admin allocation list/export: the member's username beside each row, filtered and sorted in one keyset query (100k+ rows)",
  'allocation -> stock_pools @ modules/allocation/allocation.store.ts':
    "admin allocation list/export: the pool name beside each row, same query; a member's holdings (GET /me/stocks, the signals routes) are those in the active pool",
  'allocation -> stocks @ modules/allocation/allocation.store.ts': 'admin allocation list/export and GET /me/stocks: the stock name beside each row, same query',
  'allocation -> signals @ modules/allocation/allocation.store.ts':
    "GET /me/stocks in one statement after the entitlement (issue 9: ≤ 3 per request, bench api-read): each holding's latest published signal of the member's strategy",
  'allocation -> signal_days @ modules/allocation/allocation.store.ts': 'GET /me/stocks, same statement: only published days count',
  'allocation -> daily_bars @ modules/allocation/allocation.store.ts': "GET /me/stocks, same statement: each holding's latest day change (newest bar against its pre_close or the previous bar)",
  'allocation -> stock_pool_items @ modules/allocation/allocation.store.ts':
    'the draw reads the pool and its holder counts inside the allocation transaction under the bulk lock (counts maintained with every allocation)',
  'agents -> users @ modules/agents/agents.store.ts':
    "agent lists (admin tree, an agent's sub-agents): username, e-mail and status beside each agent, filtered by subtree path and sorted in one paged query; transfer by username",
  'ledger -> users @ modules/ledger/ledger.store.ts':
    'ledger explorer, withdrawals and statements: the usernames of both sides beside each movement, filtered and paged in one query',
  'signals -> daily_bars @ modules/signals/signals.store.ts':
    "a signal run checks its day is a stored trading day (one indexed probe); a member's freshness: each own stock's newest bar date and origin in one statement",
  'card-keys -> users @ modules/card-keys/card-keys.store.ts': 'batch, key, authorisation and application lists and stats by agent: owner/redeemer usernames beside each row (read-only join)',
};

/**
 * Known crossings still to fix, each with its fix. The list may only shrink: a new crossing fails
 * (ask the owner's service instead), and so does an entry that no longer occurs (delete it).
 */
const PENDING: Record<string, string> = {
};

const key = (r: TableRef) => `${r.module} -> ${r.table} @ ${r.file}`;

describe('table ownership', () => {
  const owners = discoverOwners();
  const refs = scanReferences();
  const crossings = [...new Set(refs.filter((r) => owners.get(r.table)?.[0]?.module !== r.module).map(key))].sort();

  it('every table has exactly one owner module, and every migrated table an entity', () => {
    const doubles = [...owners].filter(([, list]) => list.length > 1).map(([t, list]) => `${t}: ${list.map((o) => o.file).join(', ')}`);
    expect(doubles).toEqual([]);
    const migrations = join(SRC, 'database', 'migrations');
    const created = new Set<string>();
    const index = readFileSync(join(migrations, 'index.ts'), 'utf8');
    for (const m of index.matchAll(/from '\.\/([^']+)\.js'/g)) {
      const text = readFileSync(join(migrations, `${m[1]}.ts`), 'utf8');
      for (const t of text.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_0-9]+)"?/g)) created.add(t[1]!);
      for (const t of text.matchAll(/DROP TABLE (?:IF EXISTS )?"?([a-z_0-9]+)"?/g)) if (!text.includes(`CREATE TABLE "${t[1]}"`)) created.delete(t[1]!);
    }
    expect(created.size).toBeGreaterThan(20);
    expect([...created].filter((t) => !owners.has(t)).sort()).toEqual([]);
  });

  it('a module touches only its own tables, except documented read models', () => {
    const unexplained = crossings.filter((k) => !(k in READ_MODELS) && !(k in PENDING));
    expect(unexplained, 'ask the owner module’s exported service instead (or document a read model in READ_MODELS with its reason)').toEqual([]);
  });

  it('the allow-lists hold no stale entries (the pending list only shrinks)', () => {
    const stale = [...Object.keys(READ_MODELS), ...Object.keys(PENDING)].filter((k) => !crossings.includes(k));
    expect(stale).toEqual([]);
  });

  it('finds a crossing when one is written (the scanner is not blind)', async () => {
    const { stringLiterals, stripComments } = await import('./table-ownership.js');
    const code = stripComments("// FROM users\nconst q = `SELECT x FROM users u JOIN \"stocks\" s ON true`; /* JOIN signals */");
    expect(stringLiterals(code)).toEqual(['SELECT x FROM users u JOIN "stocks" s ON true']);
  });
});
