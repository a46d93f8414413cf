import type { Kysely } from 'kysely';

/**
 * Workers take the replay queue by claims. `token` changes every time a person is queued
 * again, so a worker removes only the entries it replayed: one re-queued while it worked
 * stays for the next replay. `claimed_by` / `claimed_until` say which worker holds an entry
 * and until when (a crashed worker's claims lapse).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('replay_queue').addColumn('token', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('replay_queue').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('replay_queue').addColumn('claimed_until', 'text').execute();
}
