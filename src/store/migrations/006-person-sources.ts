import type { Kysely } from 'kysely';

/**
 * What each system said about each person, record by record: the values every merged field
 * was chosen from (source precedence), the system's own status, where the row came from, and
 * rows that were rejected (person_id null) so reconciliation can still count them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('person_sources')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('person_id', 'text')
    .addColumn('email', 'text')
    .addColumn('email_norm', 'text')
    .addColumn('email_loose', 'text')
    .addColumn('name_key', 'text')
    .addColumn('owner', 'text')
    .addColumn('stage', 'text')
    .addColumn('status_raw', 'text')
    .addColumn('stage_at', 'text')
    .addColumn('created_at', 'text')
    .addColumn('updated_at', 'text')
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('supplies', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('matched_by', 'text', (c) => c.notNull())
    .addColumn('files', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('file_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('person_sources_pk', ['source', 'record_key'])
    .execute();
  await db.schema.createIndex('person_sources_person').on('person_sources').column('person_id').execute();
  await db.schema.createIndex('person_sources_email_loose').on('person_sources').column('email_loose').execute();
  await db.schema.createIndex('person_sources_name_key').on('person_sources').column('name_key').execute();
}
