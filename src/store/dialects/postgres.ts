import pg from 'pg';
import { PostgresDialect, sql } from 'kysely';
import type { DialectHelpers } from './dialect-helpers.js';
import { postgresInsertMany } from './postgres-insert-many.js';

// bigint (int8) and numeric come back as strings by default; our amounts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export const postgresHelpers: DialectHelpers = {
  name: 'postgres',
  jsonText: (column, key) => sql<string | null>`(${sql.ref(column)}::jsonb ->> ${key})`,
  percentile: (expression, fraction) =>
    sql<number | null>`percentile_cont(${sql.lit(fraction)}) within group (order by ${sql.raw(expression)})`,
  insertMany: postgresInsertMany(),
};

export function createPostgresDialect(url: string): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return { dialect: new PostgresDialect({ pool }), pool };
}
