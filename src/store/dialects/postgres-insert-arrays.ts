import type { InsertArrays } from './bulk-insert.js';
import { postgresInsertMany } from './postgres-insert-many.js';

/**
 * PostgreSQL: value arrays go the way of every bulk insert here, one JSON parameter per
 * statement (postgres-insert-many.ts), each array keyed by its columns.
 */
export function postgresInsertArrays(): InsertArrays {
  const insertMany = postgresInsertMany();
  return async (db, table, columns, rows) => {
    const records = rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (let c = 0; c < columns.length; c++) out[columns[c]!] = row[c] ?? null;
      return out;
    });
    await insertMany(db, table, records);
  };
}
