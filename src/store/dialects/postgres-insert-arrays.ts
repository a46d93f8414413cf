import { sql } from 'kysely';
import type { InsertArrays } from './bulk-insert.js';
import { quote } from './bulk-insert.js';

const MAX_PARAMETERS = 30_000;

/** PostgreSQL: multi-row VALUES in chunks under the 65,535-parameter limit, one round trip each. */
export function postgresInsertArrays(): InsertArrays {
  return async (db, table, columns, rows) => {
    const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
    for (let i = 0; i < rows.length; i += perChunk) {
      const tuples = sql.join(rows.slice(i, i + perChunk).map((row) => sql`(${sql.join(columns.map((_, c) => sql`${row[c] ?? null}`))})`));
      await sql`insert into ${sql.raw(quote(table))} (${sql.raw(columns.map(quote).join(', '))}) values ${tuples}`.execute(db);
    }
  };
}
