/**
 * Table ownership, discovered from the code (so a new module is checked without editing this file):
 * - a table's owner is the module whose `entities/` declares it (`@Entity('name')`);
 * - a module references a table when its SQL (string and template literals, comments stripped)
 *   names it after FROM / JOIN / INTO / UPDATE / TABLE / REFERENCES, or when it imports another
 *   module's entity class as a value (repository access: `manager.find(User, …)`).
 * "Module" = the folder under `src/modules/`; code outside (`common/`, `jobs/`, `database/` except
 * migrations) counts as the module `<folder>` and owns no table.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const SRC = join(import.meta.dirname, '..', '..', 'src');

export interface TableRef {
  module: string;
  table: string;
  file: string;
  how: 'sql' | 'entity';
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.spec.ts') && !p.endsWith('.int-spec.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The module a source file belongs to. */
export function moduleOf(file: string): string {
  const parts = relative(SRC, file).split(sep);
  return parts[0] === 'modules' ? parts[1]! : parts[0]!;
}

export function sourceFiles(): string[] {
  return walk(SRC).filter((f) => !relative(SRC, f).startsWith(join('database', 'migrations')));
}

/** table → { module, entity class, file } from every `@Entity('table')`. */
export function discoverOwners(files = sourceFiles()): Map<string, { module: string; entity: string; file: string }[]> {
  const owners = new Map<string, { module: string; entity: string; file: string }[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/@Entity\(\s*(?:\{\s*name:\s*)?['"]([a-z_0-9]+)['"][^)]*\)\s*(?:@[^\n]*\n\s*)*export\s+class\s+(\w+)/g)) {
      const list = owners.get(m[1]!) ?? [];
      list.push({ module: moduleOf(file), entity: m[2]!, file: relative(SRC, file) });
      owners.set(m[1]!, list);
    }
  }
  return owners;
}

/** Source text without comments (strings kept; good enough for TypeScript written as here). */
export function stripComments(text: string): string {
  let out = '';
  let i = 0;
  let quote: string | null = null;
  while (i < text.length) {
    const c = text[i]!;
    const n = text[i + 1];
    if (quote) {
      out += c;
      if (c === '\\') {
        out += n ?? '';
        i += 2;
        continue;
      }
      if (c === quote) quote = null;
      i++;
      continue;
    }
    if (c === '/' && n === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && n === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    out += c;
    i++;
  }
  return out;
}

/** The contents of the string and template literals of a comment-free text. */
export function stringLiterals(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)) out.push(m[0].slice(1, -1));
  return out;
}

const SQL_NAMES = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\s+(?:ONLY\s+)?"?([a-z_][a-z_0-9]*)"?/gi;

export function scanReferences(files = sourceFiles(), owners = discoverOwners(files)): TableRef[] {
  const entityTable = new Map<string, string>();
  for (const [table, list] of owners) for (const o of list) entityTable.set(o.entity, table);
  const refs: TableRef[] = [];
  const seen = new Set<string>();
  const add = (r: TableRef) => {
    const key = `${r.module}|${r.table}|${r.file}|${r.how}`;
    if (!seen.has(key)) refs.push(r), seen.add(key);
  };
  for (const file of files) {
    const module = moduleOf(file);
    const rel = relative(SRC, file);
    const code = stripComments(readFileSync(file, 'utf8'));
    for (const lit of stringLiterals(code)) {
      for (const m of lit.matchAll(SQL_NAMES)) {
        const table = m[1]!.toLowerCase();
        if (owners.has(table)) add({ module, table, file: rel, how: 'sql' });
      }
    }
    // Value imports of entity classes from another module's entities/ (type-only imports are shapes, not access).
    for (const m of code.matchAll(/import\s+(?!type\b)\{([^}]*)\}\s+from\s+'([^']*\/entities\/[^']*)'/g)) {
      for (const raw of m[1]!.split(',')) {
        const name = raw.trim();
        if (!name || name.startsWith('type ')) continue;
        const table = entityTable.get(name.split(/\s+as\s+/)[0]!);
        if (table) add({ module, table, file: rel, how: 'entity' });
      }
    }
  }
  return refs;
}
