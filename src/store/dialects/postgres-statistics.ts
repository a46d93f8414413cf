import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** Growth past which a table's statistics count as stale: a fifth of the pages it had when they were gathered… */
const STALE_GROWTH = 0.2;
/** …plus this many pages (80 KiB: small tables are cheap to plan either way). */
const STALE_PAGES = 10;

/** Per database handle: each table's size in pages when this process last analysed it. */
const analysedHere = new WeakMap<object, Map<string, number>>();

/**
 * `analyze` of those tables that grew by more than a fifth since their statistics were gathered:
 * their size now (`pg_relation_size`, exact at once, committed or not) against the pages they had
 * when this process last analysed them, else the pages the catalogue holds (`relpages`; 0 if
 * never analysed). Not `relpages` alone: a vacuum (autovacuum's, after many inserts) sets it too
 * without gathering column statistics, which would pass stale statistics for fresh ones.
 * Autovacuum analyses too, but only once a minute at best: an import that grows `identities` from
 * nothing to 100,000 rows in 30 s would plan every lookup on the statistics of an empty table, and
 * a source that arrives after the others would be planned as a handful of rows (a lookup by
 * external id then reads every identity of the source). The check is one catalogue query.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table of our schema
export async function refreshPostgresStatistics(db: Kysely<any>, tables: readonly string[]): Promise<void> {
  if (tables.length === 0) return;
  let ours = analysedHere.get(db);
  if (!ours) analysedHere.set(db, (ours = new Map()));
  const sizes = await sql<{ relname: string; pages: number; relpages: number }>`
    select c.relname, (pg_relation_size(c.oid) / current_setting('block_size')::int)::float8 as pages, c.relpages::float8 as relpages from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and c.relname in (${sql.join(tables)})`.execute(db);
  for (const { relname, pages, relpages } of sizes.rows) {
    const known = ours.get(relname) ?? Number(relpages);
    if (Number(pages) <= STALE_PAGES + (1 + STALE_GROWTH) * known) continue;
    await sql`analyze ${sql.id(relname)}`.execute(db);
    ours.set(relname, Number(pages));
  }
}
