import type { Kysely } from 'kysely';
import { MAIN_STAGES } from '../../domain/stage.js';

/** The first schema. Keyed by person/account id so it can be distributed by those keys later. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('domain', 'text', (c) => c.unique())
    .addColumn('name', 'text')
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text')
    .execute();

  await db.schema
    .createTable('persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text')
    .addColumn('email_norm', 'text', (c) => c.unique())
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('company', 'text')
    .addColumn('account_id', 'text')
    .addColumn('owner', 'text')
    .addColumn('source', 'text')
    .addColumn('country', 'text')
    .addColumn('industry', 'text')
    .addColumn('title', 'text')
    .addColumn('created_at', 'text')
    .addColumn('do_not_call', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('do_not_email', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('persons_account').on('persons').column('account_id').execute();

  await db.schema
    .createTable('identities')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('identities_pk', ['source', 'external_id'])
    .execute();
  await db.schema.createIndex('identities_person').on('identities').column('person_id').execute();

  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('stage', 'text')
    .addColumn('properties', 'text', (c) => c.notNull().defaultTo('{}'))
    .addUniqueConstraint('activities_source_external', ['source', 'external_id'])
    .execute();
  await db.schema.createIndex('activities_person_time').on('activities').columns(['person_id', 'occurred_at']).execute();

  await db.schema
    .createTable('opportunities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('name', 'text')
    .addColumn('amount_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('stage', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('created_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addUniqueConstraint('opportunities_source_external', ['source', 'external_id'])
    .execute();
  await db.schema.createIndex('opportunities_person').on('opportunities').column('person_id').execute();

  await db.schema
    .createTable('transitions')
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('activity_id', 'text')
    .addPrimaryKeyConstraint('transitions_pk', ['model_version', 'person_id', 'seq'])
    .execute();

  await db.schema
    .createTable('spans')
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('exited_at', 'text')
    .addColumn('next_stage', 'text')
    .addPrimaryKeyConstraint('spans_pk', ['model_version', 'person_id', 'seq'])
    .execute();

  let journeys = db.schema
    .createTable('journeys')
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text')
    .addColumn('current_stage', 'text')
    .addColumn('current_since', 'text');
  for (const stage of MAIN_STAGES) {
    journeys = journeys
      .addColumn(`reached_${stage}`, 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn(`at_${stage}`, 'text')
      .addColumn(`days_${stage}`, 'double precision');
  }
  await journeys.addPrimaryKeyConstraint('journeys_pk', ['model_version', 'person_id']).execute();
  await db.schema.createIndex('journeys_entered').on('journeys').columns(['model_version', 'entered_at']).execute();

  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('rows_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('import_rejects')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('raw', 'text')
    .addPrimaryKeyConstraint('import_rejects_pk', ['run_id', 'seq'])
    .execute();

  await db.schema
    .createTable('model_versions')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('model_id', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
