import { Comment, Fragment, ref, watch, type Ref, type VNode } from 'vue';

/** Row heights a table offers (Element Plus' table sizes). */
export const TABLE_DENSITIES = ['large', 'default', 'small'] as const;
export type TableDensity = (typeof TABLE_DENSITIES)[number];

const key = (table: string, what: string) => `zhice.admin.table.${table}.${what}`;

function read(k: string): string | null {
  try {
    return localStorage.getItem(k);
  } catch {
    return null;
  }
}
function write(k: string, v: string): void {
  try {
    localStorage.setItem(k, v);
  } catch {
    /* storage unavailable */
  }
}

/** The slot's vnodes with fragments (v-for, v-if groups) flattened and comments dropped. */
function flatten(nodes: readonly VNode[]): VNode[] {
  return nodes.flatMap((n) => (n.type === Fragment && Array.isArray(n.children) ? flatten(n.children as VNode[]) : n.type === Comment ? [] : [n]));
}

/** A column vnode's label (`<el-table-column label="…">`), or '' for selection/expand columns. */
function labelOf(node: VNode): string {
  const props = (node.props ?? {}) as Record<string, unknown>;
  return typeof props.label === 'string' ? props.label : '';
}

/** The labels of the columns a user may hide (every labelled column). */
export function columnLabels(nodes: readonly VNode[]): string[] {
  return flatten(nodes).map(labelOf).filter((l) => l !== '');
}

/** The column vnodes to render: the hidden labels left out (unlabelled columns always shown). */
export function visibleColumns(nodes: readonly VNode[], hidden: ReadonlySet<string>): VNode[] {
  return flatten(nodes).filter((n) => {
    const label = labelOf(n);
    return label === '' || !hidden.has(label);
  });
}

export function hiddenColumnsOf(table: string): Set<string> {
  try {
    const parsed: unknown = JSON.parse(read(key(table, 'hidden')) ?? '[]');
    return new Set(Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function saveHiddenColumns(table: string, hidden: ReadonlySet<string>): void {
  write(key(table, 'hidden'), JSON.stringify([...hidden]));
}

/** The table's density, remembered per table. */
export function useTableDensity(table: string): Ref<TableDensity> {
  const stored = read(key(table, 'density'));
  const density = ref<TableDensity>((TABLE_DENSITIES as readonly string[]).includes(stored ?? '') ? (stored as TableDensity) : 'default');
  watch(density, (d) => write(key(table, 'density'), d));
  return density;
}
