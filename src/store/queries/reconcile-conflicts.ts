import { toActivity } from '../activity-row.js';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Activity } from '../../domain/entities.js';
import { STATUS_ACTIVITY_TYPES } from '../../domain/status-conflicts.js';
import type { OpportunityRow } from '../../app/ports/reconcile-store.js';
import { readJson } from '../json-column.js';
import type { Database } from '../schema.js';
import { inParts } from './reconcile-records.js';

/** Persons whose status activities (stage changes and deals) come from more than one system, with those activities. */
export async function multiSystemStatusPersons(db: Kysely<Database>, afterId: string | null, limit: number): Promise<{ personId: string; activities: Activity[] }[]> {
  let q = db
    .selectFrom('activities')
    .select('person_id')
    .where('type', 'in', [...STATUS_ACTIVITY_TYPES])
    .groupBy('person_id')
    .having(sql<number>`count(distinct source)`, '>', 1)
    .orderBy('person_id')
    .limit(limit);
  if (afterId !== null) q = q.where('person_id', '>', afterId);
  const ids = (await q.execute()).map((r) => r.person_id);
  const byPerson = new Map<string, Activity[]>(ids.map((id) => [id, []]));
  for (const part of inParts(ids)) {
    const rows = await db.selectFrom('activities').selectAll().where('person_id', 'in', part).where('type', 'in', [...STATUS_ACTIVITY_TYPES]).orderBy('occurred_at').execute();
    for (const r of rows) {
      byPerson.get(r.person_id)!.push(toActivity(r));
    }
  }
  return ids.map((personId) => ({ personId, activities: byPerson.get(personId)! }));
}

/** Deals without a person: whether their account (by domain) has persons, and the person reference that matched none. */
export async function opportunitiesWithoutPerson(db: Kysely<Database>): Promise<OpportunityRow[]> {
  const rows = await db
    .selectFrom('opportunities as o')
    .leftJoin('accounts as a', 'a.id', 'o.account_id')
    .select([
      'o.id',
      'o.source',
      'o.external_id',
      'o.name',
      'o.account_id',
      'a.domain',
      'a.name as account_name',
      'o.attributes',
      'o.stage',
      'o.status',
      'o.amount_minor',
      'o.currency',
      sql<number>`case when exists (select 1 from persons p where p.account_id = o.account_id) then 1 else 0 end`.as('has_persons'),
    ])
    .where('o.person_id', 'is', null)
    .orderBy('o.source')
    .orderBy('o.external_id')
    .execute();
  return rows.map((r) => {
    const ref = readJson(r.attributes).person_ref;
    return {
      id: r.id,
      source: r.source,
      externalId: r.external_id,
      name: r.name,
      accountId: r.account_id,
      accountDomain: r.domain ?? null,
      accountName: r.account_name ?? null,
      accountHasPersons: Number(r.has_persons) === 1,
      personRef: ref === undefined || ref === null ? null : String(ref),
      stage: r.stage,
      status: r.status,
      amountMinor: r.amount_minor === null ? null : Number(r.amount_minor),
      currency: r.currency,
    };
  });
}

export async function currentStages(db: Kysely<Database>, modelVersion: string, personIds: readonly string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const part of inParts(personIds)) {
    const rows = await db.selectFrom('journeys').select(['person_id', 'current_stage']).where('model_version', '=', modelVersion).where('person_id', 'in', part).execute();
    for (const r of rows) out.set(r.person_id, r.current_stage);
  }
  return out;
}
