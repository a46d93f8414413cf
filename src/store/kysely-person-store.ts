import type { Kysely } from 'kysely';
import type { ActivityType } from '../domain/activity-type.js';
import type { StageId } from '../domain/stage.js';
import type { PersonQuery, PersonStore } from '../app/ports/person-store.js';
import { readJson } from './json-column.js';
import { toPerson } from './kysely-replay-store.js';
import { personSearch } from './queries/person-search.js';
import type { Database } from './schema.js';

export class KyselyPersonStore implements PersonStore {
  constructor(private readonly db: Kysely<Database>) {}

  search(query: PersonQuery): ReturnType<PersonStore['search']> {
    return personSearch(this.db, query);
  }

  async detail(personId: string, modelVersion: string): ReturnType<PersonStore['detail']> {
    const p = await this.db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirst();
    if (!p) return null;
    const [journey, activities, transitions] = await Promise.all([
      this.db.selectFrom('journeys').select(['current_stage', 'current_since']).where('person_id', '=', personId).where('model_version', '=', modelVersion).executeTakeFirst(),
      this.db.selectFrom('activities').selectAll().where('person_id', '=', personId).orderBy('occurred_at').orderBy('id').execute(),
      this.db.selectFrom('transitions').selectAll().where('person_id', '=', personId).where('model_version', '=', modelVersion).orderBy('seq').execute(),
    ]);
    return {
      row: { person: toPerson(p), currentStage: journey?.current_stage ?? null, currentSince: journey?.current_since ?? null },
      activities: activities.map((a) => ({
        id: a.id,
        personId: a.person_id,
        source: a.source,
        externalId: a.external_id,
        type: a.type as ActivityType,
        occurredAt: a.occurred_at,
        actor: a.actor,
        stage: a.stage as StageId | null,
        properties: readJson(a.properties),
      })),
      transitions: transitions.map((t) => ({ seq: t.seq, from: t.from_stage, to: t.to_stage, at: t.at, reason: t.reason, actor: t.actor, activityId: t.activity_id })),
    };
  }
}
