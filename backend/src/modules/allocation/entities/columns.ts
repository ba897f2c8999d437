import type { ColumnOptions } from 'typeorm';

/** uint32 seeds live in a bigint column (pg returns it as text); read back as a number. */
export function seedColumn(name: string): ColumnOptions {
  return {
    name,
    type: 'bigint',
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  };
}
