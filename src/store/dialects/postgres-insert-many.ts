import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { BulkRow, InsertMany, OnConflict } from './bulk-insert.js';
import { cell, conflictClause, quote } from './bulk-insert.js';

const MAX_PARAMETERS = 30_000;

/**
 * PostgreSQL: multi-row VALUES in chunks under the 65,535-parameter limit, one round trip each.
 */
export function postgresInsertMany(): InsertMany {
  return async (db: Kysely<unknown>, table: string, rows: readonly BulkRow[], conflict?: OnConflict) => {
    if (rows.length === 0) return 0;
    const columns = Object.keys(rows[0]!);
    const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
    let changed = 0;
    for (let i = 0; i < rows.length; i += perChunk) {
      const chunk = rows.slice(i, i + perChunk);
      const tuples = sql.join(chunk.map((row) => sql`(${sql.join(columns.map((c) => sql`${cell(row, c)}`))})`));
      const result = await sql`insert into ${sql.raw(quote(table))} (${sql.raw(columns.map(quote).join(', '))}) values ${tuples}${sql.raw(conflictClause(table, conflict))}`.execute(db);
      changed += Number(result.numAffectedRows ?? 0);
    }
    return changed;
  };
}
