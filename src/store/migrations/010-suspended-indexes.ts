import type { Kysely } from 'kysely';

/**
 * Indexes set aside while a full replay rewrites every timeline (store/suspended-indexes.ts):
 * each one's definition, kept until it is built again, so a crash in between loses none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('suspended_indexes')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .execute();
}
