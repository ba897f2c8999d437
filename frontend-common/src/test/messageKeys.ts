/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageTree } from '../locales/i18n';

/** Every leaf key of a message tree, as dotted paths, sorted. */
export function leafKeys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree)
    .flatMap(([key, value]) => (typeof value === 'string' ? [prefix + key] : leafKeys(value, `${prefix}${key}.`)))
    .sort();
}

/** The string at a dotted path, or undefined. */
export function messageAt(tree: MessageTree, key: string): string | undefined {
  let node: string | MessageTree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'locales' || entry.name === 'test' ? [] : sourceFiles(path);
    if (!/\.(ts|vue)$/.test(entry.name) || /\.(spec|d)\.ts$/.test(entry.name) || entry.name === 'i18n.ts') return [];
    return [path];
  });
}

/**
 * The message keys a source tree names literally — `t('a.b')`, `titleKey: 'a.b'`, `check(…, 'a.b')` —
 * found as single-quoted dotted strings whose first part is one of `namespaces` (the messages'
 * top-level keys). Keys built at run time (t(`vip.level${n}`)) are not seen. Message files (locales/, i18n.ts)
 * and specs are skipped. Returns key → files naming it.
 */
export function keysUsedIn(dir: string, namespaces: readonly string[]): Map<string, string[]> {
  const used = new Map<string, string[]>();
  // single-quoted only: the code is formatted with single quotes, and backticks are for comments and built keys
  const literal = /'([A-Za-z]\w*(?:\.[A-Za-z0-9_]+)+)'/g;
  for (const file of sourceFiles(dir)) {
    for (const [, key] of readFileSync(file, 'utf8').matchAll(literal)) {
      if (!key || !namespaces.includes(key.split('.')[0]!)) continue;
      used.set(key, [...(used.get(key) ?? []), file]);
    }
  }
  return used;
}
