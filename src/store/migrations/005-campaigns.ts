import type { Kysely } from 'kysely';

/** Campaigns (with their cost) for attribution, and the index deals without a person are credited through. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('channel', 'text')
    .addColumn('team', 'text')
    .addColumn('cost_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('started_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addUniqueConstraint('campaigns_source_external', ['source', 'external_id'])
    .execute();
  await db.schema.createIndex('campaigns_name').on('campaigns').column('name').execute();
  await db.schema.createIndex('opportunities_account').on('opportunities').column('account_id').execute();
}
