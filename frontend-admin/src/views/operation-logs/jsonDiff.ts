/** Side-by-side comparison of an operation's before / after snapshots, key by key (top level). */

export type DiffStatus = 'same' | 'changed' | 'added' | 'removed';

export interface DiffRow {
  key: string;
  /** the value before, as text; null when the key was absent */
  before: string | null;
  /** the value after, as text; null when the key is absent */
  after: string | null;
  status: DiffStatus;
}

type Snapshot = Record<string, unknown> | null | undefined;

/** Structural equality for JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && jsonEqual(ao[k], bo[k]));
}

/** A JSON value as shown: strings and scalars on one line, objects and arrays indented. */
export function formatJsonValue(value: unknown): string {
  if (value === undefined) return '';
  if (value !== null && typeof value === 'object') return JSON.stringify(value, null, 2);
  return JSON.stringify(value);
}

/**
 * One row per key of either snapshot: keys of `before` in their order, then keys only in `after`.
 * A missing snapshot (a creation has no `before`) counts as empty.
 */
export function jsonDiff(before: Snapshot, after: Snapshot): DiffRow[] {
  const b = before ?? {};
  const a = after ?? {};
  const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !Object.prototype.hasOwnProperty.call(b, k))];
  return keys.map((key) => {
    const inBefore = Object.prototype.hasOwnProperty.call(b, key);
    const inAfter = Object.prototype.hasOwnProperty.call(a, key);
    let status: DiffStatus;
    if (!inBefore) status = 'added';
    else if (!inAfter) status = 'removed';
    else status = jsonEqual(b[key], a[key]) ? 'same' : 'changed';
    return {
      key,
      before: inBefore ? formatJsonValue(b[key]) : null,
      after: inAfter ? formatJsonValue(a[key]) : null,
      status,
    };
  });
}

/**
 * Keys that differ between the snapshots. When only one side was recorded (a creation, or an
 * action that logs just its result) every key on that side counts.
 */
export function changedKeys(before: Snapshot, after: Snapshot): string[] {
  return jsonDiff(before, after)
    .filter((r) => r.status !== 'same')
    .map((r) => r.key);
}
