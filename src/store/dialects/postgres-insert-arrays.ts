import type { InsertArrays } from './bulk-insert.js';
import { postgresInsertMany } from './postgres-insert-many.js';

/**
 * PostgreSQL: value arrays go the way of every bulk insert here, one JSON parameter per
 * statement (postgres-insert-many.ts), each row keyed by its columns.
 */
export function postgresInsertArrays(): InsertArrays {
  const insertMany = postgresInsertMany();
  return async (db, table, columns, values, shared = []) => {
    const width = columns.length - shared.length;
    const records: Record<string, unknown>[] = [];
    for (let i = 0; i < values.length; i += width) {
      const out: Record<string, unknown> = {};
      for (let c = 0; c < shared.length; c++) out[columns[c]!] = shared[c] ?? null;
      for (let c = 0; c < width; c++) out[columns[shared.length + c]!] = values[i + c] ?? null;
      records.push(out);
    }
    if (records.length > 0) await insertMany(db, table, records);
  };
}
