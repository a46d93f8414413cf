import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { BulkRow, InsertMany, OnConflict } from './bulk-insert.js';
import { cell, conflictClause, quote } from './bulk-insert.js';

const ROWS_PER_STATEMENT = 5_000;

/**
 * PostgreSQL: the rows travel as one JSON parameter per statement and the server turns them
 * into rows of the table's own type (`json_populate_recordset`), so every value is cast by the
 * column it lands in. Multi-row VALUES with one bound parameter per cell cost 2.4 times the
 * client CPU and nearly twice the wall time of an import (docs/performance.md, "Import").
 */
export function postgresInsertMany(): InsertMany {
  return async (db: Kysely<unknown>, table: string, rows: readonly BulkRow[], conflict?: OnConflict) => {
    if (rows.length === 0) return 0;
    const columns = Object.keys(rows[0]!);
    const list = sql.raw(columns.map(quote).join(', '));
    let changed = 0;
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT).map((row) => {
        const out: Record<string, unknown> = {};
        for (const c of columns) out[c] = cell(row, c);
        return out;
      });
      const result = await sql`insert into ${sql.raw(quote(table))} (${list}) select ${list} from json_populate_recordset(null::${sql.raw(quote(table))}, ${JSON.stringify(chunk)}::json)${sql.raw(conflictClause(table, conflict))}`.execute(db);
      changed += Number(result.numAffectedRows ?? 0);
    }
    return changed;
  };
}
