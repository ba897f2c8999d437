import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRC, sourceFiles, stringLiterals, stripComments } from './table-ownership.js';

/**
 * One store per module (README "Data access"): every statement of a module lives in its
 * `<module>.store.ts` as a narrow named method; services, controllers, processors, seeders and
 * domain code hold rules and call the store. This spec reads the sources (no database) and fails
 * when a file under `src/modules/` that is not a store issues SQL or data access itself: `.query(`,
 * the query builder, repositories, an EntityManager's data methods, or SQL written in a string.
 * Specs (`*.spec.ts`) are not scanned; migrations live outside `src/modules/`.
 */

/** Files (or folders, ending in `/`) under `src/modules/` that may still do so, each with its reason. */
const ALLOWED: Record<string, string> = {
  'health/health.controller.ts': 'the readiness probe: `SELECT 1` on the pool is the check itself (health owns no table and has nothing to store)',
};

/** Calls that look like data access and are not, each with what it is. Stale entries fail. */
const NOT_DATA_ACCESS: Array<{ file: string; text: string; reason: string }> = [
  { file: 'card-keys/card-keys.controller.ts', text: 'this.open.query(', reason: 'CardOpenService.query: the signed open-API card lookup (its SQL is in card-keys.store.ts)' },
  { file: 'payments/simulator/wechatpay-fake.ts', text: 'this.query(', reason: "the fake WeChat Pay server's own order-query handler (HTTP, no database)" },
  { file: 'market-data/providers/tushare.provider.ts', text: 'this.query(', reason: "the Tushare client's own HTTP request method (no database)" },
];

/** EntityManager / DataSource / QueryRunner methods that read or write rows. */
const DATA_METHODS =
  'find|findBy|findOne|findOneBy|findOneOrFail|findOneByOrFail|findAndCount|findAndCountBy|save|insert|update|upsert|delete|remove|softDelete|restore|count|countBy|exists|existsBy|increment|decrement|sum|average|minimum|maximum|preload|clear';

const CODE_PATTERNS: Array<[string, RegExp]> = [
  ['.query(', /\.query\s*(?:<[^>(]*>)?\(/g],
  ['createQueryBuilder', /\bcreateQueryBuilder\b/g],
  ['getRepository', /\bget(?:Custom|Tree|Mongo)?Repository\b/g],
  ['@InjectRepository', /@InjectRepository\b/g],
  ['Repository<', /\bRepository\s*</g],
  ['manager data method', new RegExp(`\\b(?:m|em|tx|manager|entityManager|\\w+\\.manager|dataSource|\\w+\\.dataSource|queryRunner|runner)\\.(?:${DATA_METHODS})\\s*\\(`, 'g')],
];

/** SQL written in a string or template literal. */
const SQL_IN_STRING = /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/;

export interface Hit {
  what: string;
  text: string;
}

/** The data access in a comment-free text: each hit with the matched text. */
export function dataAccessHits(code: string): Hit[] {
  const hits: Hit[] = [];
  for (const [what, re] of CODE_PATTERNS) {
    for (const m of code.matchAll(re)) {
      // The receiver (`this.open`) with the call, so known non-data calls can be named exactly.
      const start = code.lastIndexOf('\n', m.index) + 1;
      const receiver = (/[\w.]*$/.exec(code.slice(start, m.index))?.[0] ?? '').replace(/^\.+/, '');
      hits.push({ what, text: `${receiver}${m[0]}`.replace(/\s+/g, '') });
    }
  }
  for (const lit of stringLiterals(code)) {
    const m = SQL_IN_STRING.exec(lit);
    if (m) hits.push({ what: 'SQL in a string', text: lit.slice(Math.max(0, m.index - 20), m.index + 40).replace(/\s+/g, ' ') });
  }
  return hits;
}

const isStore = (rel: string) => rel.endsWith('.store.ts');
const allowed = (rel: string) => Object.keys(ALLOWED).some((k) => (k.endsWith('/') ? rel.startsWith(k) : rel === k));

const files = sourceFiles()
  .map((path) => ({ rel: relative(SRC, path).split('\\').join('/'), path }))
  .filter((f) => f.rel.startsWith('modules/'))
  .map((f) => ({ rel: f.rel.slice('modules/'.length), code: stripComments(readFileSync(f.path, 'utf8')) }));

describe('data access', () => {
  const found = files
    .filter((f) => !isStore(f.rel))
    .flatMap((f) => dataAccessHits(f.code).map((h) => ({ file: f.rel, ...h })))
    .filter((h) => !NOT_DATA_ACCESS.some((n) => n.file === h.file && n.text === h.text));

  it('only stores issue statements (services hold rules, not SQL)', () => {
    const outside = found.filter((h) => !allowed(h.file)).map((h) => `${h.file}: ${h.what}: ${h.text}`);
    expect(outside, 'move the statement into the module’s <module>.store.ts as a named method (manager first) and call it').toEqual([]);
  });

  it('the allow-lists hold no stale entries', () => {
    expect(Object.keys(ALLOWED).filter((k) => !found.some((h) => (k.endsWith('/') ? h.file.startsWith(k) : h.file === k)))).toEqual([]);
    const all = files.flatMap((f) => dataAccessHits(f.code).map((h) => ({ file: f.rel, ...h })));
    expect(NOT_DATA_ACCESS.filter((n) => !all.some((h) => h.file === n.file && h.text === n.text)).map((n) => `${n.file}: ${n.text}`)).toEqual([]);
  });

  it('every module with data access has its store (and scans some)', () => {
    expect(files.filter((f) => isStore(f.rel)).length).toBeGreaterThan(10);
    expect(files.filter((f) => !isStore(f.rel)).length).toBeGreaterThan(100);
  });

  it('finds data access when it is written (the scanner is not blind)', () => {
    const code = stripComments(
      [
        '// SELECT in a comment is fine',
        'await this.dataSource.query("SELECT 1");',
        'const rows = await m.query<Row[]>(`SELECT id FROM users WHERE id = $1`, [id]);',
        'await manager.findOneBy(User, { id });',
        'await this.dataSource.manager.save(row);',
        'return m.createQueryBuilder(User, "u").getMany();',
        'constructor(@InjectRepository(User) private readonly users: Repository<User>) {}',
        'const text = `UPDATE users SET status = $2 WHERE id = $1`;',
        "const d = 'DELETE FROM users';",
        'hash.update(secret); list.find((x) => x.id === id); map.delete(k); this.open.query(req, code);',
      ].join('\n'),
    );
    const hits = dataAccessHits(code).map((h) => `${h.what}: ${h.text}`);
    expect(hits.filter((h) => h.startsWith('.query('))).toEqual(['.query(: this.dataSource.query(', '.query(: m.query<Row[]>(', '.query(: this.open.query(']);
    expect(hits.some((h) => h.startsWith('manager data method: manager.findOneBy('))).toBe(true);
    expect(hits.some((h) => h.startsWith('manager data method: this.dataSource.manager.save('))).toBe(true);
    expect(hits.filter((h) => /createQueryBuilder|InjectRepository|Repository</.test(h)).length).toBe(3);
    expect(hits.filter((h) => h.startsWith('SQL in a string')).length).toBe(4);
    expect(hits.some((h) => /hash\.update|list\.find|map\.delete/.test(h))).toBe(false);
  });
});
