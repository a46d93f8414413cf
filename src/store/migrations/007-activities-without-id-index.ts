import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const COLUMNS = ['id', 'person_id', 'source', 'external_id', 'type', 'occurred_at', 'actor', 'stage', 'properties'];

/**
 * Activities without the unique index on `id`. The id is a hash of (source, external_id)
 * (store/ids.ts), so the unique key on those two already makes it unique, and nothing reads
 * an activity by id. The index cost more than anything else in an import: a hash key lands
 * every row on a random page, so each batch rewrote most of that index (measured: 2M rows in
 * batches of 20,000 on SQLite went from 35K to 89K rows/s without it). The table is rebuilt
 * because SQLite cannot drop a primary key in place; the same steps run on PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('activities_next')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('stage', 'text')
    .addColumn('properties', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  const columns = sql.raw(COLUMNS.join(', '));
  await sql`insert into activities_next (${columns}) select ${columns} from activities`.execute(db);
  await db.schema.dropTable('activities').execute();
  await db.schema.alterTable('activities_next').renameTo('activities').execute();
  await db.schema.createIndex('activities_source_external').unique().on('activities').columns(['source', 'external_id']).execute();
  await db.schema.createIndex('activities_person_time').on('activities').columns(['person_id', 'occurred_at']).execute();
}
