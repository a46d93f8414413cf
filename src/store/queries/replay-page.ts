import type { Kysely } from 'kysely';
import type { Activity, Person } from '../../domain/entities.js';
import type { ActivityType } from '../../domain/activity-type.js';
import type { StageId } from '../../domain/stage.js';
import type { PersonActivities } from '../../app/ports/replay-store.js';
import type { DialectHelpers } from '../dialects/dialect-helpers.js';
import { readJson } from '../json-column.js';
import type { Database } from '../schema.js';
import { withAccounts } from './account-facts.js';

const PERSON_COLUMNS = [
  'id',
  'email',
  'first_name',
  'last_name',
  'company',
  'account_id',
  'owner',
  'source',
  'country',
  'industry',
  'title',
  'created_at',
  'do_not_call',
  'do_not_email',
  'attributes',
] as const;
const ACTIVITY_COLUMNS = ['id', 'person_id', 'source', 'external_id', 'type', 'occurred_at', 'actor', 'stage', 'properties'] as const;

type Cell = string | number | null;

function personOf(r: readonly unknown[]): Person {
  const c = r as readonly Cell[];
  return {
    id: c[0] as string,
    email: c[1] as string | null,
    firstName: c[2] as string | null,
    lastName: c[3] as string | null,
    company: c[4] as string | null,
    accountId: c[5] as string | null,
    owner: c[6] as string | null,
    source: c[7] as string | null,
    country: c[8] as string | null,
    industry: c[9] as string | null,
    title: c[10] as string | null,
    createdAt: c[11] as string | null,
    doNotCall: Number(c[12]) === 1,
    doNotEmail: Number(c[13]) === 1,
    attributes: readJson(c[14] as string | null),
  };
}

function activityOf(r: readonly unknown[]): Activity {
  const c = r as readonly Cell[];
  return {
    id: c[0] as string,
    personId: c[1] as string,
    source: c[2] as string,
    externalId: c[3] as string,
    type: c[4] as ActivityType,
    occurredAt: c[5] as string,
    actor: c[6] as string | null,
    stage: c[7] as StageId | null,
    properties: readJson(c[8] as string | null),
  };
}

/**
 * A page of persons in id order, each with its activities in time order: the persons page,
 * then the activities of that id range in one ordered scan of (person_id, occurred_at), read
 * as arrays rather than an object per row (a full replay reads every activity once).
 */
export async function replayPage(
  db: Kysely<Database>,
  helpers: DialectHelpers,
  afterId: string | null,
  limit: number,
  untilId: string | null = null,
): Promise<PersonActivities[]> {
  let q = db.selectFrom('persons').select([...PERSON_COLUMNS]).orderBy('id').limit(limit);
  if (afterId !== null) q = q.where('id', '>', afterId);
  if (untilId !== null) q = q.where('id', '<=', untilId);
  const persons = (await helpers.selectArrays(db, q.compile())).map(personOf);
  if (persons.length === 0) return [];
  const first = persons[0]!.id;
  const last = persons[persons.length - 1]!.id;
  const rows = await helpers.selectArrays(
    db,
    db
      .selectFrom('activities')
      .select([...ACTIVITY_COLUMNS])
      .where('person_id', '>=', first)
      .where('person_id', '<=', last)
      .orderBy('person_id')
      .orderBy('occurred_at')
      .compile(),
  );
  const byPerson = new Map<string, Activity[]>();
  for (const p of persons) byPerson.set(p.id, []);
  // Rows come grouped by person: one map lookup per person, not per row.
  let current: Activity[] | undefined;
  let currentId: unknown = undefined;
  for (const r of rows) {
    if (r[1] !== currentId) {
      currentId = r[1];
      current = byPerson.get(r[1] as string);
    }
    current?.push(activityOf(r));
  }
  return withAccounts(
    db,
    persons.map((p) => ({ personId: p.id, person: p, activities: byPerson.get(p.id)! })),
  );
}
