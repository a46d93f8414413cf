import type SqliteDatabase from 'better-sqlite3';
import type { CompiledQuery, Kysely } from 'kysely';

/**
 * SQLite: the statement in raw mode (rows as arrays) on the same connection Kysely uses, so it
 * reads inside the caller's transaction too. Statements are kept by SQL text: callers use a few
 * fixed shapes (a bounded cache would only matter for ever-changing texts).
 */
export function sqliteSelectArrays(raw: SqliteDatabase.Database): (db: Kysely<unknown>, query: CompiledQuery) => Promise<unknown[][]> {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return async (_db, query) => {
    let st = cache.get(query.sql);
    if (!st) {
      if (cache.size >= 64) cache.clear();
      st = raw.prepare(query.sql).raw(true);
      cache.set(query.sql, st);
    }
    return st.all(...(query.parameters as unknown[])) as unknown[][];
  };
}
