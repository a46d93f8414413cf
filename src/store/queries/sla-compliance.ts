import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { SlaQuery } from '../../app/ports/report-store.js';
import type { SlaTally } from '../../domain/scorecard.js';
import type { StageId } from '../../domain/stage.js';
import type { DialectHelpers } from '../dialects/dialect-helpers.js';
import type { Database } from '../schema.js';

type Row = Record<string, unknown>;

/**
 * Per stage with an SLA (and per person owner if asked): stays of the people who entered the funnel
 * in the period, and how many ended within the SLA — or are still running and not yet past it.
 */
export async function slaCompliance(db: Kysely<Database>, helpers: DialectHelpers, query: SlaQuery): Promise<SlaTally[]> {
  const stages = Object.keys(query.slaHours) as StageId[];
  if (stages.length === 0) return [];
  const hours = sql`(${helpers.epochDays(sql`coalesce(s.exited_at, ${query.atIso})`)} - ${helpers.epochDays(sql`s.entered_at`)}) * 24`;
  const limit = sql`case ${sql.join(stages.map((s) => sql`when s.stage = ${s} then ${sql.lit(query.slaHours[s]!)}`), sql` `)} end`;
  let q = db
    .selectFrom('spans as s')
    .innerJoin('journeys as j', (join) => join.onRef('j.model_version', '=', 's.model_version').onRef('j.person_id', '=', 's.person_id'))
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .where('s.model_version', '=', query.modelVersion)
    .where('s.stage', 'in', stages)
    .where('s.entered_at', '<=', query.atIso)
    .select([
      's.stage as stage',
      (query.byOwner ? sql`p.owner` : sql`null`).as('owner'),
      sql`count(*)`.as('stays'),
      sql`sum(case when ${hours} <= ${limit} then 1 else 0 end)`.as('within'),
    ])
    .groupBy(query.byOwner ? ['s.stage', 'p.owner'] : ['s.stage']);
  if (query.fromIso) q = q.where('j.entered_at', '>=', query.fromIso);
  if (query.toIsoExclusive) q = q.where('j.entered_at', '<', query.toIsoExclusive);
  const rows = (await q.execute()) as Row[];
  return rows.map((r) => ({
    stage: r.stage as StageId,
    owner: r.owner === null || r.owner === undefined ? null : String(r.owner),
    stays: Number(r.stays),
    within: Number(r.within),
  }));
}
