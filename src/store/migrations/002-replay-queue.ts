import type { Kysely } from 'kysely';

/**
 * Persons waiting for a replay. Written in the same transaction as the data that touched them
 * and cleared in the same transaction as their new timeline, so a crash between import and
 * replay never leaves a stale journey behind: the next run finds them here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('replay_queue')
    .addColumn('person_id', 'text', (c) => c.primaryKey())
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .execute();
}
