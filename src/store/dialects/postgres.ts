import pg from 'pg';
import { PostgresDialect, sql } from 'kysely';
import type { DialectHelpers } from './dialect-helpers.js';
import { postgresInsertArrays } from './postgres-insert-arrays.js';
import { postgresInsertMany } from './postgres-insert-many.js';
import { refreshPostgresStatistics } from './postgres-statistics.js';

// bigint (int8) and numeric come back as strings by default; our amounts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export const postgresHelpers: DialectHelpers = {
  name: 'postgres',
  jsonText: (column, key) => sql<string | null>`(${sql.ref(column)}::jsonb ->> ${key})`,
  percentile: (expression, fraction) =>
    sql<number | null>`percentile_cont(${sql.lit(fraction)}) within group (order by ${typeof expression === 'string' ? sql.raw(expression) : expression})`,
  orderedConcat: (expression, separator, orderBy) =>
    orderBy ? sql<string | null>`string_agg(${expression}, ${separator} order by ${orderBy})` : sql<string | null>`string_agg(${expression}, ${separator})`,
  epochDays: (isoText) => sql<number | null>`(cast(extract(epoch from cast(${isoText} as timestamptz)) as double precision) / 86400)`,
  isoPlusDays: (expression, days) =>
    sql<string>`to_char(((${expression})::timestamptz + make_interval(secs => ${days * 86_400}::double precision)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  // PostgreSQL's planner has statistics and picks a sequential scan by itself.
  scanned: (expression) => expression,
  skipLocked: (query) => query.forUpdate().skipLocked() as typeof query,
  bulkCommit: null,
  // The server works in its own processes: while one batch is inserted, the next is prepared and sent.
  bulkBatchesInFlight: 2,
  refreshStatistics: (db, tables) => refreshPostgresStatistics(db, tables),
  insertMany: postgresInsertMany(),
  insertArrays: postgresInsertArrays(),
  // pg builds an object per row either way behind Kysely's driver; the values keep select order.
  selectArrays: async (db, query) => (await db.executeQuery(query)).rows.map((r) => Object.values(r as object)),
  // Dropping an index takes a lock that stops every other server's reads of the table until the
  // transaction ends: with several servers on one database, a full replay keeps its indexes.
  suspendableIndexes: async () => [],
  // The server manages its own memory (shared_buffers), outside this process.
  narrowPageCache: null,
};

export function createPostgresDialect(url: string): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server ends (a restart, or a database dropped right after close) is
  // discarded by the pool, which re-emits the error; without a listener that would crash the process.
  // The next query simply opens a new connection.
  pool.on('error', () => undefined);
  return { dialect: new PostgresDialect({ pool }), pool };
}
