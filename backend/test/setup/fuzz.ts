import type pg from 'pg';

/**
 * Seeded request generator for the fuzz suite (test/api/fuzz.int-spec.ts). It reads the app's own
 * OpenAPI document, so a write route added later is fuzzed without touching this file.
 */

/** mulberry32: small, fast, reproducible. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  example?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};
export interface OpenApiDoc {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: Array<{ in: string; name: string }>; security?: unknown[] }>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface WriteRoute {
  method: string;
  path: string;
  bodyType: 'json' | 'multipart' | null;
  schema: Schema | null;
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

export function writeRoutes(doc: OpenApiDoc): WriteRoute[] {
  const out: WriteRoute[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!WRITE_METHODS.includes(method)) continue;
      const content = op.requestBody?.content ?? {};
      const json = content['application/json'];
      const multipart = content['multipart/form-data'];
      out.push({
        method: method.toUpperCase(),
        path,
        bodyType: multipart ? 'multipart' : json ? 'json' : null,
        schema: (multipart ?? json)?.schema ?? null,
      });
    }
  }
  return out.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

function resolve(doc: OpenApiDoc, s: Schema | undefined, depth = 0): Schema {
  if (!s || depth > 8) return {};
  if (s.$ref) return resolve(doc, doc.components?.schemas?.[s.$ref.split('/').pop()!], depth + 1);
  if (s.allOf?.length) return s.allOf.map((x) => resolve(doc, x, depth + 1)).reduce((a, b) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties }, required: [...(a.required ?? []), ...(b.required ?? [])] }), {});
  if (s.oneOf?.length || s.anyOf?.length) return resolve(doc, (s.oneOf ?? s.anyOf)![0], depth + 1);
  return s;
}

/** A value that fits the schema as far as the document says. */
export function sample(doc: OpenApiDoc, schema: Schema | undefined, r: Rng, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (s.example !== undefined && r.chance(0.7)) return s.example;
  if (s.enum?.length) return r.pick(s.enum);
  switch (s.type) {
    case 'integer': {
      const lo = s.minimum ?? 0;
      const hi = s.maximum ?? lo + 100;
      return lo + r.int(Math.max(1, Math.min(hi - lo + 1, 1000)));
    }
    case 'number':
      return (s.minimum ?? 0) + r.next() * 10;
    case 'boolean':
      return r.chance(0.5);
    case 'array':
      return depth > 4 ? [] : Array.from({ length: 1 + r.int(3) }, () => sample(doc, s.items, r, depth + 1));
    case 'string': {
      if (s.format === 'uuid') return '3f1c7c1e-8f0a-4c55-9d4e-0b7a2f6c1a11';
      if (s.format === 'email') return `fuzz${r.int(1e6)}@example.com`;
      if (s.format === 'date-time') return '2026-03-02T02:00:00.000Z';
      if (s.format === 'date') return '2026-03-02';
      const len = Math.max(s.minLength ?? 1, Math.min(s.maxLength ?? 12, 12));
      return Array.from({ length: len }, () => 'abcdefghijk0123_'[r.int(16)]).join('');
    }
    default: {
      if (!s.properties || depth > 4) return {};
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties)) if (s.required?.includes(k) || r.chance(0.6)) o[k] = sample(doc, v, r, depth + 1);
      return o;
    }
  }
}

const NASTY_VALUES: unknown[] = [
  null,
  '',
  ' ',
  'x'.repeat(5000),
  'nul\u0000byte',
  '\ud800',
  '😀'.repeat(40),
  "'; DROP TABLE users; --",
  -1,
  0,
  1.5,
  2 ** 31,
  2 ** 53,
  9.999e307,
  -(2 ** 63),
  true,
  [],
  [null],
  {},
  { nested: { deeper: [1, 2, 3] } },
  '9999-99-99',
  '2026-02-30',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
];

export interface FuzzCase {
  label: string;
  /** JSON value to send, or a raw string with its content type. */
  json?: unknown;
  raw?: { body: string; contentType: string };
  multipart?: { field: string; filename: string; content: string }[];
}

/** One mutation of a plausible body: a case that should answer 4xx (a 2xx is allowed too). */
export function fuzzCase(doc: OpenApiDoc, route: WriteRoute, r: Rng): FuzzCase {
  const base = sample(doc, route.schema ?? undefined, r);
  const obj = base && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  const keys = Object.keys(resolve(doc, route.schema ?? undefined).properties ?? {});
  if (route.bodyType === 'multipart' && r.chance(0.6)) {
    const content = r.pick(['', 'PK\u0003\u0004garbage', 'code\n600000.SH\n'.repeat(3), 'x,'.repeat(2000), '\u0000\u0001\u0002']);
    const filename = r.pick(['a.xlsx', 'a.csv', 'a.txt', '../../etc/passwd', '']);
    return { label: `multipart ${JSON.stringify(filename)} ${content.length}B`, multipart: [{ field: 'file', filename, content }] };
  }
  const kind = r.int(9);
  switch (kind) {
    case 0: {
      const k = keys.length ? r.pick(keys) : 'x';
      const v = r.pick(NASTY_VALUES);
      return { label: `field ${k} = ${JSON.stringify(v)?.slice(0, 40)}`, json: { ...obj, [k]: v } };
    }
    case 1: {
      const k = keys.length ? r.pick(keys) : 'x';
      const copy = { ...obj };
      delete copy[k];
      return { label: `without ${k}`, json: copy };
    }
    case 2:
      return { label: 'unknown field', json: { ...obj, [`fuzz_${r.int(100)}`]: 1 } };
    case 3:
      return { label: 'prototype key', raw: { body: JSON.stringify(obj).replace(/^\{/, `{"${r.pick(['__proto__', 'constructor'])}":{"polluted":true},`).replace(',}', '}'), contentType: 'application/json' } };
    case 4:
      return { label: 'deep nesting', raw: { body: `{"${keys[0] ?? 'x'}":${'['.repeat(200)}${']'.repeat(200)}}`, contentType: 'application/json' } };
    case 5:
      return { label: 'wrong content type', raw: { body: JSON.stringify(obj), contentType: r.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) } };
    case 6:
      return { label: 'not an object', raw: { body: r.pick(['[]', '[1,2]', '{"a":', '{}}', '\u0000', 'null']), contentType: 'application/json' } };
    case 7: {
      // every field nasty at once
      const o: Record<string, unknown> = {};
      for (const k of keys) o[k] = r.pick(NASTY_VALUES);
      return { label: 'all fields nasty', json: o };
    }
    default:
      return { label: 'plausible body', json: base ?? {} };
  }
}

/** Values for path parameters: real ids of the fixtures, ids that do not exist, garbage. */
export function pathFor(path: string, r: Rng, realIds: string[]): string {
  return path.replace(/\{[^}]+\}/g, () =>
    encodeURIComponent(r.pick([...realIds, ...realIds, '3f1c7c1e-8f0a-4c55-9d4e-0b7a2f6c1a11', 'not-an-id', '0', '-1', '9'.repeat(30), '1.5', 'x'.repeat(300), '%00', '2026-03-02', '600000.SH'])),
  );
}

/** Tables a refused request may legitimately write: the login log and its counters, the card-key redeem lockout counters and the open API's verification log, nonces and rate-limit counters (refusals must count). */
export const WRITTEN_ON_REFUSAL = new Set(['login_logs', 'login_throttles', 'captchas', 'card_redeem_throttles', 'card_verification_logs', 'card_api_nonces', 'card_api_usage', 'migrations', 'typeorm_metadata']);

/** Per table of the public schema: row count and an md5 of every row's text. */
export async function fingerprint(db: pg.Pool): Promise<Map<string, string>> {
  const tables: string[] = (
    await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
  ).rows.map((row: { tablename: string }) => row.tablename).filter((name: string) => !WRITTEN_ON_REFUSAL.has(name));
  if (!tables.length) return new Map();
  const sql = tables.map((name) => `SELECT '${name}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS f FROM "${name}" x`).join(' UNION ALL ');
  const rows: Array<{ t: string; f: string }> = (await db.query(sql)).rows;
  return new Map(rows.map((row) => [row.t, row.f]));
}

export function changedTables(a: Map<string, string>, b: Map<string, string>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => a.get(n) !== b.get(n));
}
