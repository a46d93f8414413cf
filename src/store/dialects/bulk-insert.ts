import type { Kysely } from 'kysely';

/** What to do when an inserted row hits an existing key. */
export interface OnConflict {
  readonly columns: readonly string[];
  /** Columns overwritten by the new row's value. */
  readonly update?: readonly string[];
  /** Columns set to the new value only when it is not null (otherwise the stored value stays). */
  readonly keep?: readonly string[];
}

/** Rows as plain records, every row with the same columns. */
export type BulkRow = object;

/** A row's value of a column. */
export function cell(row: BulkRow, column: string): unknown {
  return (row as Record<string, unknown>)[column] ?? null;
}

/**
 * Inserts many rows inside the caller's transaction in the fastest way the database allows.
 * Returns the number of rows inserted or updated.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table of our schema
export type InsertMany = (db: Kysely<any>, table: string, rows: readonly BulkRow[], conflict?: OnConflict) => Promise<number>;

/**
 * Inserts rows given as one flat array of values, row after row, inside the caller's
 * transaction: for writes of millions of rows that never conflict (a replay's timelines).
 * `shared` holds the values of the first columns, the same in every row (not repeated in
 * `values`); each row has `columns.length - shared.length` values.
 */
export type InsertArrays = (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table of our schema
  db: Kysely<any>,
  table: string,
  columns: readonly string[],
  values: readonly unknown[],
  shared?: readonly unknown[],
) => Promise<void>;

/** The `on conflict` clause, in the syntax SQLite and PostgreSQL share. */
export function conflictClause(table: string, conflict: OnConflict | undefined): string {
  if (!conflict) return '';
  const target = conflict.columns.map(quote).join(', ');
  const sets = [
    ...(conflict.update ?? []).map((c) => `${quote(c)} = excluded.${quote(c)}`),
    ...(conflict.keep ?? []).map((c) => `${quote(c)} = coalesce(excluded.${quote(c)}, ${quote(table)}.${quote(c)})`),
  ];
  return sets.length > 0 ? ` on conflict (${target}) do update set ${sets.join(', ')}` : ` on conflict (${target}) do nothing`;
}

/** Identifiers here come from our own schema, never from users; quoting keeps keywords safe. */
export function quote(identifier: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) throw new Error(`not a plain identifier: ${identifier}`);
  return `"${identifier}"`;
}
