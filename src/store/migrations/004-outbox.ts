import type { Kysely } from 'kysely';

/**
 * The outbox of nurture messages, hand-back notes and digests. The unique natural key
 * (kind, program, person, enrollment, step) is what makes "never the same step twice" hold
 * across schedulers and crashes: a second claim of the same step cannot insert a row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('program_id', 'text', (c) => c.notNull())
    .addColumn('program_version', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('enrollment_at', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('sending_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('message_id', 'text')
    .addColumn('transport', 'text')
    .addColumn('tries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('unsubscribe_token', 'text', (c) => c.unique())
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .addUniqueConstraint('outbox_natural_key', ['kind', 'program_id', 'person_id', 'enrollment_at', 'step'])
    .execute();
  await db.schema.createIndex('outbox_status').on('outbox').columns(['status', 'claimed_at']).execute();
  // Leases: one scheduler at a time replays everyone (concurrent rewrites of one person's rows collide).
  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_person').on('outbox').columns(['program_id', 'person_id']).execute();
}
