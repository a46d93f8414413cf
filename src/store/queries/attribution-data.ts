import { toActivity } from '../activity-row.js';
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { AttributionData, OpportunityLink, PersonFacts } from '../../domain/build-journeys.js';
import type { Campaign } from '../../domain/campaign.js';
import type { Activity, OpportunityStatus } from '../../domain/entities.js';
import type { CreditTeam } from '../../domain/touch.js';
import type { AttributionQuery } from '../../app/ports/attribution-store.js';
import { readJson } from '../json-column.js';
import type { Database } from '../schema.js';

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * The deals created or won in the period, the people whose touches may credit them (the deal's
 * person, or every person of the account of a deal without one), those people's activities of
 * the touch types, and all campaigns.
 */
export async function attributionData(db: Kysely<Database>, query: AttributionQuery): Promise<AttributionData> {
  // A deal's cohort is when its person entered the funnel; a deal without one, when it was created
  // (the funnel report's rule).
  const cohort = sql<string | null>`coalesce(j.entered_at, o.created_at)`;
  let q = db
    .selectFrom('opportunities as o')
    .leftJoin('journeys as j', (join) => join.onRef('j.person_id', '=', 'o.person_id').on('j.model_version', '=', query.modelVersion))
    .select(['o.id', 'o.person_id', 'o.account_id', 'o.amount_minor', 'o.currency', 'o.status', 'o.created_at', 'o.closed_at', cohort.as('cohort_at')]);
  if (query.fromIso !== null || query.toIsoExclusive !== null) {
    const created = sql<string>`coalesce(o.created_at, o.closed_at)`;
    q = q.where((eb) => {
      const inPeriod = (col: RawBuilder<string | null> | 'o.closed_at') => {
        const parts = [];
        if (query.fromIso !== null) parts.push(eb(col, '>=', query.fromIso));
        if (query.toIsoExclusive !== null) parts.push(eb(col, '<', query.toIsoExclusive));
        return eb.and(parts);
      };
      return query.basis === 'cohort' ? inPeriod(cohort) : eb.or([inPeriod(created), eb.and([eb('o.status', '=', 'won'), inPeriod('o.closed_at')])]);
    });
  }
  const opportunities: OpportunityLink[] = (await q.execute()).map((o) => ({
    id: o.id,
    personId: o.person_id,
    accountId: o.account_id,
    amountMinor: Number(o.amount_minor ?? 0),
    currency: o.currency,
    status: o.status as OpportunityStatus,
    createdAt: o.created_at,
    closedAt: o.closed_at,
    cohortAt: o.cohort_at,
  }));

  const personIds = [...new Set(opportunities.flatMap((o) => (o.personId !== null ? [o.personId] : [])))];
  const accountIds = [...new Set(opportunities.flatMap((o) => (o.personId === null && o.accountId !== null ? [o.accountId] : [])))];
  const persons = new Map<string, PersonFacts>();
  const personColumns = ['id', 'account_id', 'created_at', 'source'] as const;
  const addPersons = (rows: { id: string; account_id: string | null; created_at: string | null; source: string | null }[]): void => {
    for (const p of rows) persons.set(p.id, { id: p.id, accountId: p.account_id, createdAt: p.created_at, source: p.source });
  };
  for (const part of chunks(personIds)) addPersons(await db.selectFrom('persons').select(personColumns).where('id', 'in', part).execute());
  for (const part of chunks(accountIds)) addPersons(await db.selectFrom('persons').select(personColumns).where('account_id', 'in', part).execute());

  const activities: Activity[] = [];
  if (query.touchTypes.length > 0) {
    for (const part of chunks([...persons.keys()])) {
      const rows = await db
        .selectFrom('activities')
        .selectAll()
        .where('person_id', 'in', part)
        .where('type', 'in', [...query.touchTypes])
        .execute();
      for (const r of rows) {
        activities.push(toActivity(r));
      }
    }
  }

  const campaigns: Campaign[] = (await db.selectFrom('campaigns').selectAll().execute()).map((c) => ({
    id: c.id,
    source: c.source,
    externalId: c.external_id,
    name: c.name,
    channel: c.channel,
    team: c.team as CreditTeam | null,
    costMinor: c.cost_minor === null ? null : Number(c.cost_minor),
    currency: c.currency,
    startedAt: c.started_at,
    endedAt: c.ended_at,
    attributes: readJson(c.attributes),
  }));
  return { opportunities, persons: [...persons.values()], activities, campaigns };
}
