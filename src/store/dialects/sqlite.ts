import SqliteDatabase from 'better-sqlite3';
import { SqliteAdapter, SqliteDialect, sql } from 'kysely';
import type { DialectAdapter } from 'kysely';
import type { DialectHelpers } from './dialect-helpers.js';
import { sqliteInsertArrays } from './sqlite-insert-arrays.js';
import { sqliteInsertMany } from './sqlite-insert-many.js';
import { sqliteSelectArrays } from './sqlite-select-arrays.js';

export const sqliteHelpers = (raw: SqliteDatabase.Database): DialectHelpers => ({
  name: 'sqlite',
  jsonText: (column, key) => sql<string | null>`json_extract(${sql.ref(column)}, ${'$.' + JSON.stringify(key)})`,
  percentile: (expression, fraction) => sql<number | null>`percentile(${typeof expression === 'string' ? sql.raw(expression) : expression}, ${sql.lit(fraction * 100)})`,
  orderedConcat: (expression, separator, orderBy) =>
    orderBy ? sql<string | null>`group_concat(${expression}, ${separator} order by ${orderBy})` : sql<string | null>`group_concat(${expression}, ${separator})`,
  epochDays: (isoText) => sql<number | null>`(julianday(${isoText}) - 2440587.5)`,
  isoPlusDays: (expression, days) => sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${expression}, ${`${days >= 0 ? '+' : ''}${days} days`})`,
  // Unary plus: SQLite's documented way to keep a term from using an index.
  scanned: (expression) => sql`+${expression}`,
  skipLocked: (query) => query,
  // A commit writes every page its transaction changed to the WAL: with ids hashed into random
  // index positions, 20,000-row batches wrote the same pages again and again (a quarter of a
  // 100 k import). Other processes' writers wait meanwhile, so a transaction is held 2 s at most.
  bulkCommit: { rows: 200_000, ms: 2_000 },
  refreshStatistics: null,
  bulkBatchesInFlight: 1,
  insertMany: sqliteInsertMany(raw),
  insertArrays: sqliteInsertArrays(raw),
  selectArrays: sqliteSelectArrays(raw),
  // Secondary indexes only: those SQLite makes for constraints have no statement and stay.
  suspendableIndexes: async (db, table) =>
    (await sql<{ name: string; definition: string }>`select name, sql as definition from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null order by name`.execute(db)).rows,
  narrowPageCache: async (mib) => {
    const before = Number(raw.pragma('cache_size', { simple: true }));
    if (before < 0 && -before <= mib * 1024) return async () => undefined;
    raw.pragma(`cache_size = -${Math.round(mib * 1024)}`);
    // Lets go of the pages cached beyond the new size now (an import before may have filled them all).
    raw.pragma('shrink_memory');
    return async () => {
      raw.pragma(`cache_size = ${before}`);
    };
  },
});

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says it does not, so its migrator would
 * apply each migration statement by statement: a process killed during the first migration left
 * a half-built schema ("table accounts already exists" on the next start). Saying so makes every
 * migration run atomically, as on PostgreSQL.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TandemSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** How a connection will be used. */
export interface SqliteConnectionOptions {
  /**
   * A connection that only reads, in one pass (a backtest worker): it refuses writes, and keeps a
   * small page cache — a scan reads each page once, the operating system caches the file anyway,
   * and a 256 MiB cache per worker was most of a parallel backtest's peak memory at 1 M persons.
   */
  readonly scanReader?: boolean;
  /** Page cache in MiB of a connection that is not a scan reader (default 256; a replay worker's reads need little). */
  readonly cacheMiB?: number;
}

/** One SQLite file in WAL mode, waiting (not failing) while another writer holds the lock. */
export function createSqliteDialect(file: string, options: SqliteConnectionOptions = {}): { dialect: SqliteDialect; raw: SqliteDatabase.Database } {
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 10000');
  raw.pragma('foreign_keys = ON');
  if (options.scanReader) {
    raw.pragma('query_only = ON');
    raw.pragma('cache_size = -16384');
  } else {
    // A larger page cache: imports insert into several indexes at random key positions.
    raw.pragma(`cache_size = -${Math.max(1, Math.round(options.cacheMiB ?? 256)) * 1024}`);
  }
  raw.pragma('temp_store = MEMORY');
  // Checkpoint less often: bulk imports commit many large batches.
  raw.pragma('wal_autocheckpoint = 16384');
  return { dialect: new TandemSqliteDialect({ database: raw }), raw };
}
