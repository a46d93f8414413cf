import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { StageLoadQuery, StageLoadRow } from '../../app/ports/report-store.js';
import { MAIN_STAGES } from '../../domain/stage.js';
import type { DialectHelpers } from '../dialects/dialect-helpers.js';
import type { Database } from '../schema.js';
import { unitJourneys } from './unit-journeys.js';

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Per stage Y, the demand on its owners in the period (units that passed the stage before it),
 * how many owners worked them, and what they manage in a good week: the 90th percentile of weekly
 * decisions on people leaving the stage before (spans that ended), over all history.
 */
export async function stageLoads(db: Kysely<Database>, helpers: DialectHelpers, query: StageLoadQuery): Promise<StageLoadRow[]> {
  const source = unitJourneys(helpers, { unit: query.unit ?? 'person', modelVersion: query.modelVersion, by: null });
  const inPeriod = (iso: RawBuilder<unknown>): RawBuilder<unknown> => {
    const conds = [
      sql`${iso} is not null`,
      ...(query.fromIso ? [sql`${iso} >= ${query.fromIso}`] : []),
      ...(query.toIsoExclusive ? [sql`${iso} < ${query.toIsoExclusive}`] : []),
    ];
    return sql.join(conds, sql` and `);
  };
  const out: StageLoadRow[] = [];
  for (const stage of query.stages) {
    const from = MAIN_STAGES[MAIN_STAGES.indexOf(stage) - 1];
    if (!from) continue;
    const passedFrom = sql.ref(`j.passed_${from}`);
    const passedTo = sql.ref(`j.passed_${stage}`);
    const [demand] = (await db
      .selectFrom(source.as('j'))
      .where(sql<boolean>`(${inPeriod(passedFrom)}) or (${inPeriod(passedTo)})`)
      .select([
        sql`sum(case when ${inPeriod(passedFrom)} then 1 else 0 end)`.as('arrivals'),
        sql`count(distinct j.owner)`.as('owners'),
        sql`min(${passedFrom})`.as('first'),
        sql`max(${passedFrom})`.as('last'),
      ])
      .execute()) as Row[];
    const weekly = db
      .selectFrom('spans as s')
      .where('s.model_version', '=', query.modelVersion)
      .where('s.stage', '=', from)
      .where('s.exited_at', 'is not', null)
      .select([sql`floor(${helpers.epochDays(sql`s.exited_at`)} / 7)`.as('week'), sql`count(*)`.as('n')])
      .groupBy(sql`1`);
    const [capacity] = (await db.selectFrom(weekly.as('w')).select(helpers.percentile('w.n', 0.9).as('p90')).execute()) as Row[];
    out.push({
      stage,
      arrivals: num(demand?.arrivals),
      owners: num(demand?.owners),
      firstArrival: (demand?.first as string | null) ?? null,
      lastArrival: (demand?.last as string | null) ?? null,
      observedWeeklyCapacity: capacity?.p90 === null || capacity?.p90 === undefined ? null : Number(capacity.p90),
    });
  }
  return out;
}
