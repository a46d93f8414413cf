import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ActivityType } from '../domain/activity-type.js';
import type { Activity } from '../domain/entities.js';
import type { Transition } from '../domain/lifecycle.js';
import type { StageId } from '../domain/stage.js';
import { normaliseEmail } from '../domain/normalise.js';
import type { QualificationStore, WonAmount } from '../app/ports/qualification-store.js';
import type { PersonActivities } from '../app/ports/replay-store.js';
import { readJson } from './json-column.js';
import { toPerson } from './kysely-replay-store.js';
import { withAccounts } from './queries/account-facts.js';
import type { Database } from './schema.js';

const IN_CHUNK = 500;

export class KyselyQualificationStore implements QualificationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async pageScoring(afterId: string | null, limit: number, activityTypes: readonly ActivityType[] | null): Promise<PersonActivities[]> {
    let q = this.db
      .selectFrom('persons as p')
      .selectAll('p')
      .select(
        sql<string | null>`(select min(a.occurred_at) from activities a where a.person_id = p.id)`.as('first_activity_at'),
      )
      .orderBy('p.id')
      .limit(limit);
    if (afterId !== null) q = q.where('p.id', '>', afterId);
    const persons = await q.execute();
    if (persons.length === 0) return [];
    const byPerson = new Map<string, Activity[]>(persons.map((p) => [p.id, []]));
    if (activityTypes === null || activityTypes.length > 0) {
      for (let i = 0; i < persons.length; i += IN_CHUNK) {
        let aq = this.db
          .selectFrom('activities')
          .select(['id', 'person_id', 'source', 'external_id', 'type', 'occurred_at', 'actor', 'stage', 'properties'])
          .where('person_id', 'in', persons.slice(i, i + IN_CHUNK).map((p) => p.id))
          .orderBy('person_id')
          .orderBy('occurred_at');
        if (activityTypes !== null) aq = aq.where('type', 'in', activityTypes);
        for (const r of await aq.execute()) {
          byPerson.get(r.person_id)?.push({
            id: r.id,
            personId: r.person_id,
            source: r.source,
            externalId: r.external_id,
            type: r.type as ActivityType,
            occurredAt: r.occurred_at,
            actor: r.actor,
            stage: r.stage as StageId | null,
            properties: readJson(r.properties),
          });
        }
      }
    }
    const rows = persons.map((p) => {
      const first = p.created_at && p.first_activity_at ? (p.created_at < p.first_activity_at ? p.created_at : p.first_activity_at) : (p.created_at ?? p.first_activity_at);
      return { personId: p.id, person: toPerson(p), activities: byPerson.get(p.id) ?? [], firstSeenAt: first };
    });
    return withAccounts(this.db, rows);
  }

  async wonAmounts(): Promise<Map<string, WonAmount[]>> {
    const rows = await this.db
      .selectFrom('opportunities')
      .select(['person_id', 'currency', sql<number>`sum(coalesce(amount_minor, 0))`.as('amount')])
      .where('status', '=', 'won')
      .where('person_id', 'is not', null)
      .groupBy(['person_id', 'currency'])
      .execute();
    const out = new Map<string, WonAmount[]>();
    for (const r of rows) {
      const list = out.get(r.person_id!) ?? [];
      list.push({ currency: r.currency, amountMinor: Number(r.amount) });
      out.set(r.person_id!, list);
    }
    return out;
  }

  async findPersons(ref: string): Promise<string[]> {
    const byId = await this.db.selectFrom('persons').select('id').where('id', '=', ref).execute();
    if (byId.length > 0) return byId.map((r) => r.id);
    const email = normaliseEmail(ref);
    if (email) {
      const byEmail = await this.db.selectFrom('persons').select('id').where('email_norm', '=', email).execute();
      if (byEmail.length > 0) return byEmail.map((r) => r.id);
    }
    const byExternal = await this.db.selectFrom('identities').select('person_id').where('external_id', '=', ref).execute();
    return [...new Set(byExternal.map((r) => r.person_id))];
  }

  async transitions(personId: string, modelVersion: string): Promise<Transition[]> {
    const rows = await this.db
      .selectFrom('transitions')
      .selectAll()
      .where('person_id', '=', personId)
      .where('model_version', '=', modelVersion)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      personId: r.person_id,
      seq: r.seq,
      fromStage: r.from_stage as StageId | null,
      toStage: r.to_stage as StageId,
      at: r.at,
      reason: r.reason,
      actor: r.actor,
      activityId: r.activity_id,
      modelVersion: r.model_version,
    }));
  }

  async replayedVersions(personId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('journeys').select('model_version').where('person_id', '=', personId).execute();
    return rows.map((r) => r.model_version);
  }
}
