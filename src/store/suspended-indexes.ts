import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectHelpers } from './dialects/dialect-helpers.js';
import type { Database } from './schema.js';

/**
 * Drops a table's secondary indexes for a bulk rewrite, keeping each definition in
 * `suspended_indexes` in the same transaction: whatever happens next, none is lost. Reports
 * still answer meanwhile, by scanning instead of reading an index.
 */
export async function suspendIndexes(db: Kysely<Database>, helpers: DialectHelpers, table: string, only?: readonly string[]): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const indexes = (await helpers.suspendableIndexes(trx, table)).filter((i) => !only || only.includes(i.name));
    for (const i of indexes) {
      await trx.insertInto('suspended_indexes').values({ name: i.name, table_name: table, definition: i.definition }).execute();
      await sql`drop index ${sql.ref(i.name)}`.execute(trx);
    }
    return indexes.length;
  });
}

/**
 * Builds every suspended index again (one sort each) and forgets it, in one transaction: run
 * when a bulk rewrite ends, and when a store opens (the rewrite may have crashed). If a rewrite
 * is still running elsewhere it goes on, only with its indexes kept up to date row by row.
 */
export async function restoreSuspendedIndexes(db: Kysely<Database>): Promise<number> {
  // Only SQLite suspends indexes (see DialectHelpers.suspendableIndexes): the pragmas below are SQLite's.
  if ((await db.selectFrom('suspended_indexes').select('name').limit(1).execute()).length === 0) return 0;
  // The sort of a large index spills to temporary files, not memory: 10 M activities would
  // otherwise take some 600 MB of RAM while their index is built.
  const before = (await sql<{ temp_store: number }>`pragma temp_store`.execute(db)).rows[0]?.temp_store ?? 0;
  await sql`pragma temp_store = FILE`.execute(db);
  try {
    return await db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('suspended_indexes').select(['name', 'definition']).orderBy('name').execute();
      for (const r of rows) {
        await sql.raw(r.definition).execute(trx);
        await trx.deleteFrom('suspended_indexes').where('name', '=', r.name).execute();
      }
      return rows.length;
    });
  } finally {
    await sql.raw(`pragma temp_store = ${Number(before)}`).execute(db);
  }
}
