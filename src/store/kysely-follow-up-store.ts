import type { Kysely } from 'kysely';
import type { Opportunity, OpportunityStatus } from '../domain/entities.js';
import { normaliseEmail } from '../domain/normalise.js';
import type { FollowUpStore, PersonFollowUp } from '../app/ports/follow-up-store.js';
import type { PersonActivities } from '../app/ports/replay-store.js';
import type { DialectHelpers } from './dialects/dialect-helpers.js';
import { readJson } from './json-column.js';
import { KyselyReplayStore } from './kysely-replay-store.js';
import type { Database, OpportunitiesTable } from './schema.js';

function toOpportunity(r: OpportunitiesTable): Opportunity {
  return {
    id: r.id,
    source: r.source,
    externalId: r.external_id,
    personId: r.person_id,
    accountId: r.account_id,
    name: r.name,
    amountMinor: r.amount_minor === null ? null : Number(r.amount_minor),
    currency: r.currency,
    stage: r.stage,
    status: r.status as OpportunityStatus,
    owner: r.owner,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    attributes: readJson(r.attributes),
  };
}

/** Persons with their activities (as replay reads them) and their deals. */
export class KyselyFollowUpStore implements FollowUpStore {
  private readonly replay: KyselyReplayStore;

  constructor(
    private readonly db: Kysely<Database>,
    helpers: DialectHelpers,
  ) {
    this.replay = new KyselyReplayStore(db, helpers);
  }

  async findPerson(idOrEmail: string): Promise<string | null> {
    const email = normaliseEmail(idOrEmail);
    const r = await this.db
      .selectFrom('persons')
      .select('id')
      .where((eb) => (email ? eb.or([eb('id', '=', idOrEmail), eb('email_norm', '=', email)]) : eb('id', '=', idOrEmail)))
      .executeTakeFirst();
    return r?.id ?? null;
  }

  async hasJourneys(modelVersion: string): Promise<boolean> {
    const r = await this.db.selectFrom('journeys').select('person_id').where('model_version', '=', modelVersion).limit(1).executeTakeFirst();
    return r !== undefined;
  }

  async personIdsInStages(modelVersion: string, stages: readonly string[]): Promise<string[]> {
    if (stages.length === 0) return [];
    const rows = await this.db
      .selectFrom('journeys')
      .select('person_id')
      .where('model_version', '=', modelVersion)
      .where('current_stage', 'in', stages)
      .orderBy('person_id')
      .execute();
    return rows.map((r) => r.person_id);
  }

  countPersons(): Promise<number> {
    return this.replay.countPersons();
  }

  async pagePeople(afterId: string | null, limit: number): Promise<PersonFollowUp[]> {
    return this.withDeals(await this.replay.pagePersonActivities(afterId, limit));
  }

  async people(personIds: readonly string[]): Promise<PersonFollowUp[]> {
    return this.withDeals(await this.replay.personActivities(personIds));
  }

  private async withDeals(people: PersonActivities[]): Promise<PersonFollowUp[]> {
    const byPerson = new Map<string, Opportunity[]>();
    for (let i = 0; i < people.length; i += 500) {
      const ids = people.slice(i, i + 500).map((p) => p.personId);
      if (ids.length === 0) continue;
      const rows = await this.db.selectFrom('opportunities').selectAll().where('person_id', 'in', ids).execute();
      for (const r of rows) {
        const list = byPerson.get(r.person_id!) ?? [];
        list.push(toOpportunity(r));
        byPerson.set(r.person_id!, list);
      }
    }
    return people.map((p) => ({ ...p, opportunities: byPerson.get(p.personId) ?? [] }));
  }
}
