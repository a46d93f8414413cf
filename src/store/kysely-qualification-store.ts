import { toActivity } from './activity-row.js';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ActivityType } from '../domain/activity-type.js';
import type { Activity } from '../domain/entities.js';
import type { Transition } from '../domain/lifecycle.js';
import type { ActivityTest } from '../domain/qualification/rule.js';
import type { StageId } from '../domain/stage.js';
import { normaliseEmail } from '../domain/normalise.js';
import type { QualificationStore, WonAmount } from '../app/ports/qualification-store.js';
import type { PersonActivities } from '../app/ports/replay-store.js';
import { readJson } from './json-column.js';
import { toPerson } from './kysely-replay-store.js';
import { withAccounts } from './queries/account-facts.js';
import { activityTestSql } from './queries/activity-match-sql.js';
import type { DialectHelpers } from './dialects/dialect-helpers.js';
import type { Database } from './schema.js';

/** Separators of the per-person activity text: ASCII unit (fields), record (activities) and group (parts). */
const FS = '\u001f';
const RS = '\u001e';
const GS = '\u001d';
const EMPTY: Readonly<Record<string, never>> = Object.freeze({});

/** Activities back from the per-person text; `{}` properties share one frozen object (most have none). */
function splitActivities(personId: string, text: string | null): Activity[] {
  if (text === null || text === '') return [];
  const out: Activity[] = [];
  for (const record of text.split(RS)) {
    const f = record.split(FS);
    if (f.length !== 8) return [];
    out.push({
      id: f[0]!,
      personId,
      source: f[1]!,
      externalId: f[2]!,
      type: f[3] as ActivityType,
      occurredAt: f[4]!,
      actor: f[5] === '' ? null : f[5]!,
      stage: f[6] === '' ? null : (f[6] as StageId),
      properties: f[7] === '{}' ? EMPTY : readJson(f[7]),
    });
  }
  return out;
}

export class KyselyQualificationStore implements QualificationStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly helpers: DialectHelpers,
  ) {}

  /**
   * One query per page: each person row carries its activities joined into one text by the
   * database, so a page of 2,000 people crosses the driver boundary 2,000 times instead of once
   * per activity — the cost that dominates a scan of millions of activities. A person whose text
   * does not split back into exactly their activity count (a separator inside a value) is read
   * again row by row.
   */
  async pageScoring(afterId: string | null, limit: number, activityTypes: readonly ActivityType[] | null): Promise<PersonActivities[]> {
    // Type names are a closed set of identifiers: inlined, so SQLite builds the IN list once, not once per person.
    const wanted =
      activityTypes === null ? sql<boolean>`1 = 1` : activityTypes.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`a.type in (${sql.join(activityTypes.map((t) => sql.lit(t)))})`;
    const fields = sql<string>`a.id || ${sql.lit(FS)} || a.source || ${sql.lit(FS)} || a.external_id || ${sql.lit(FS)} || a.type || ${sql.lit(FS)} || a.occurred_at || ${sql.lit(FS)} || coalesce(a.actor, '') || ${sql.lit(FS)} || coalesce(a.stage, '') || ${sql.lit(FS)} || a.properties`;
    const concat = this.helpers.orderedConcat(sql<string>`case when ${wanted} then ${fields} end`, RS, sql`a.occurred_at`);
    // One pass over each person's activities: first time seen, how many of the wanted types, and those joined.
    const packed = sql<string | null>`(select min(a.occurred_at) || ${sql.lit(GS)} || count(case when ${wanted} then 1 end) || ${sql.lit(GS)} || coalesce(${concat}, '') from activities a where a.person_id = p.id)`;
    let q = this.db.selectFrom('persons as p').selectAll('p').select(packed.as('packed')).orderBy('p.id').limit(limit);
    if (afterId !== null) q = q.where('p.id', '>', afterId);
    const persons = await q.execute();
    const rows: PersonActivities[] = [];
    for (const p of persons) {
      const [firstActivityAt = null, count = '0', text = ''] = p.packed === null ? [] : p.packed.split(GS);
      let activities = splitActivities(p.id, text);
      if (activities.length !== Number(count)) activities = await this.activitiesOf(p.id, activityTypes);
      const first = p.created_at && firstActivityAt ? (p.created_at < firstActivityAt ? p.created_at : firstActivityAt) : (p.created_at ?? firstActivityAt);
      rows.push({ personId: p.id, person: toPerson(p), activities, firstSeenAt: first });
    }
    return withAccounts(this.db, rows);
  }

  async pageScoringMatched(
    afterId: string | null,
    limit: number,
    engineTypes: readonly ActivityType[],
    tests: readonly ActivityTest[],
  ): Promise<(PersonActivities & { readonly matchedTimes: readonly (readonly number[])[] })[] | null> {
    const predicates = tests.map((t) => activityTestSql(t, this.helpers));
    if (predicates.some((p) => p === null)) return null;
    const wanted = engineTypes.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`a.type in (${sql.join(engineTypes.map((t) => sql.lit(t)))})`;
    const fields = sql<string>`a.id || ${sql.lit(FS)} || a.source || ${sql.lit(FS)} || a.external_id || ${sql.lit(FS)} || a.type || ${sql.lit(FS)} || a.occurred_at || ${sql.lit(FS)} || coalesce(a.actor, '') || ${sql.lit(FS)} || coalesce(a.stage, '') || ${sql.lit(FS)} || a.properties`;
    const parts = [
      sql`min(a.occurred_at)`,
      sql`count(case when ${wanted} then 1 end)`,
      // Unordered: a sort per person and part would double the query's cost; the engine and the scorer order by time themselves.
      sql`coalesce(${this.helpers.orderedConcat(sql<string>`case when ${wanted} then ${fields} end`, RS)}, '')`,
      ...predicates.map((p) => sql`coalesce(${this.helpers.orderedConcat(sql<string>`case when ${p!} then a.occurred_at end`, ',')}, '')`),
    ];
    // One pass over each person's activities; the database does the matching, JavaScript gets times.
    const packed = sql<string | null>`(select ${sql.join(parts, sql` || ${sql.lit(GS)} || `)} from activities a where a.person_id = p.id)`;
    let q = this.db.selectFrom('persons as p').selectAll('p').select(packed.as('packed')).orderBy('p.id').limit(limit);
    if (afterId !== null) q = q.where('p.id', '>', afterId);
    const persons = await q.execute();
    const rows: (PersonActivities & { matchedTimes: number[][] })[] = [];
    for (const p of persons) {
      const split = p.packed === null ? null : p.packed.split(GS);
      const firstActivityAt = split?.[0] ?? null;
      let activities = splitActivities(p.id, split?.[2] ?? '');
      if (activities.length !== Number(split?.[1] ?? 0)) activities = await this.activitiesOf(p.id, engineTypes);
      const matchedTimes = tests.map((_, i) => {
        const text = split?.[3 + i] ?? '';
        return text === '' ? [] : text.split(',').map((t) => Date.parse(t));
      });
      const first = p.created_at && firstActivityAt ? (p.created_at < firstActivityAt ? p.created_at : firstActivityAt) : (p.created_at ?? firstActivityAt);
      rows.push({ personId: p.id, person: toPerson(p), activities, firstSeenAt: first, matchedTimes });
    }
    return withAccounts(this.db, rows);
  }

  personActivities(personId: string): Promise<Activity[]> {
    return this.activitiesOf(personId, null);
  }

  private async activitiesOf(personId: string, types: readonly ActivityType[] | null): Promise<Activity[]> {
    let q = this.db.selectFrom('activities').selectAll().where('person_id', '=', personId).orderBy('occurred_at');
    if (types !== null) q = q.where('type', 'in', types.length > 0 ? types : ['-']);
    return (await q.execute()).map(toActivity);
  }

  async personIdBoundaries(parts: number): Promise<string[]> {
    const n = Number((await this.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const out: string[] = [];
    for (let i = 1; i < parts; i++) {
      const r = await this.db.selectFrom('persons').select('id').orderBy('id').limit(1).offset(Math.floor((i * n) / parts)).executeTakeFirst();
      if (r && r.id !== out[out.length - 1]) out.push(r.id);
    }
    return out;
  }

  async wonAmounts(range?: { readonly after: string | null; readonly until: string | null }): Promise<Map<string, WonAmount[]>> {
    let q = this.db
      .selectFrom('opportunities')
      .select(['person_id', 'currency', sql<number>`sum(coalesce(amount_minor, 0))`.as('amount')])
      .where('status', '=', 'won')
      .where('person_id', 'is not', null);
    if (range?.after != null) q = q.where('person_id', '>', range.after);
    if (range?.until != null) q = q.where('person_id', '<=', range.until);
    const rows = await q.groupBy(['person_id', 'currency']).execute();
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
