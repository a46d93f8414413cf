import type SqliteDatabase from 'better-sqlite3';
import type { BulkRow, InsertMany, OnConflict } from './bulk-insert.js';
import { cell, conflictClause, quote } from './bulk-insert.js';

/**
 * SQLite: one prepared single-row statement, run per row. better-sqlite3 is synchronous and
 * Kysely's SQLite driver holds this same connection inside a transaction, so the rows land in
 * the caller's transaction. Far cheaper than compiling and preparing large multi-row VALUES.
 */
export function sqliteInsertMany(raw: SqliteDatabase.Database): InsertMany {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const statement = (table: string, columns: readonly string[], conflict: OnConflict | undefined): SqliteDatabase.Statement => {
    const key = `${table}|${columns.join(',')}|${JSON.stringify(conflict ?? null)}`;
    let st = cache.get(key);
    if (!st) {
      const sqlText = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')})${conflictClause(table, conflict)}`;
      st = raw.prepare(sqlText);
      cache.set(key, st);
    }
    return st;
  };
  return async (_db, table: string, rows: readonly BulkRow[], conflict?: OnConflict) => {
    if (rows.length === 0) return 0;
    const columns = Object.keys(rows[0]!);
    const st = statement(table, columns, conflict);
    let changed = 0;
    const values = new Array<unknown>(columns.length);
    for (const row of rows) {
      for (let i = 0; i < columns.length; i++) values[i] = cell(row, columns[i]!);
      changed += st.run(values).changes;
    }
    return changed;
  };
}
