import SqliteDatabase from 'better-sqlite3';
import { SqliteDialect, sql } from 'kysely';
import type { DialectHelpers } from './dialect-helpers.js';

export const sqliteHelpers: DialectHelpers = {
  name: 'sqlite',
  jsonText: (column, key) => sql<string | null>`json_extract(${sql.ref(column)}, ${'$.' + JSON.stringify(key)})`,
  percentile: (expression, fraction) => sql<number | null>`percentile(${sql.raw(expression)}, ${sql.lit(fraction * 100)})`,
  isoPlusDays: (expression, days) => sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${expression}, ${`${days >= 0 ? '+' : ''}${days} days`})`,
};

/** One SQLite file in WAL mode, waiting (not failing) while another writer holds the lock. */
export function createSqliteDialect(file: string): { dialect: SqliteDialect; raw: SqliteDatabase.Database } {
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 10000');
  raw.pragma('foreign_keys = ON');
  return { dialect: new SqliteDialect({ database: raw }), raw };
}
