import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { FunnelAggregate, RevenueAggregate, StageAggregate } from '../../domain/funnel-report.js';
import { MAIN_STAGES } from '../../domain/stage.js';
import type { FunnelQuery } from '../../app/ports/report-store.js';
import type { DialectHelpers } from '../dialects/dialect-helpers.js';
import type { Database } from '../schema.js';
import { personFieldExpression } from './group-key.js';

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The funnel as one scan of the journeys (and one of the opportunities), split by a field if asked. */
export async function funnelAggregates(
  db: Kysely<Database>,
  helpers: DialectHelpers,
  query: FunnelQuery,
): Promise<{ overall: FunnelAggregate; groups: FunnelAggregate[] }> {
  const groupKey = personFieldExpression(helpers, query.by);
  const keyOf = (grouped: boolean) => (grouped ? groupKey : personFieldExpression(helpers, null));
  const stageColumns = MAIN_STAGES.flatMap((s) => {
    const cutoff = query.slaCutoffs[s];
    return [
      sql`sum(${sql.ref(`j.reached_${s}`)})`.as(`reached_${s}`),
      sql`sum(case when j.current_stage = ${s} then 1 else 0 end)`.as(`current_${s}`),
      cutoff
        ? sql`sum(case when j.current_stage = ${s} and j.current_since < ${cutoff} then 1 else 0 end)`.as(`past_${s}`)
        : sql`0`.as(`past_${s}`),
      helpers.percentile(`j.days_${s}`, 0.5).as(`median_${s}`),
      helpers.percentile(`j.days_${s}`, 0.9).as(`p90_${s}`),
    ];
  });

  const journeys = async (grouped: boolean): Promise<Row[]> => {
    let q = db
      .selectFrom('journeys as j')
      .innerJoin('persons as p', 'p.id', 'j.person_id')
      .select([keyOf(grouped).as('key'), ...stageColumns])
      .where('j.model_version', '=', query.modelVersion);
    if (query.fromIso) q = q.where('j.entered_at', '>=', query.fromIso);
    if (query.toIsoExclusive) q = q.where('j.entered_at', '<', query.toIsoExclusive);
    if (grouped) q = q.groupBy(sql`1`);
    return (await q.execute()) as Row[];
  };

  const revenue = async (grouped: boolean): Promise<Row[]> => {
    let q = db
      .selectFrom('opportunities as o')
      .leftJoin('journeys as j', (join) =>
        join.onRef('j.person_id', '=', 'o.person_id').on('j.model_version', '=', query.modelVersion),
      )
      .leftJoin('persons as p', 'p.id', 'o.person_id')
      .select([
        keyOf(grouped).as('key'),
        'o.currency as currency',
        sql`sum(case when o.status = 'won' then 1 else 0 end)`.as('won'),
        sql`sum(case when o.status = 'lost' then 1 else 0 end)`.as('lost'),
        sql`sum(case when o.status = 'won' then coalesce(o.amount_minor, 0) else 0 end)`.as('amount'),
        sql`sum(case when o.status = 'won' and o.amount_minor is not null then 1 else 0 end)`.as('priced'),
      ])
      .groupBy(grouped ? [sql`1`, 'o.currency'] : ['o.currency']);
    // An opportunity belongs to the cohort of its person; one without a person to the period it was created in.
    const entered = sql<string>`coalesce(j.entered_at, o.created_at)`;
    if (query.fromIso) q = q.where(entered, '>=', query.fromIso);
    if (query.toIsoExclusive) q = q.where(entered, '<', query.toIsoExclusive);
    return (await q.execute()) as Row[];
  };

  const toStages = (r: Row | undefined): StageAggregate[] =>
    MAIN_STAGES.map((s) => ({
      stage: s,
      reached: num(r?.[`reached_${s}`]),
      current: num(r?.[`current_${s}`]),
      pastSla: num(r?.[`past_${s}`]),
      medianDaysToNext: numOrNull(r?.[`median_${s}`]),
      p90DaysToNext: numOrNull(r?.[`p90_${s}`]),
    }));
  const toRevenue = (rows: Row[]): RevenueAggregate[] =>
    rows.map((r) => ({ currency: (r.currency as string | null) ?? null, wonCount: num(r.won), lostCount: num(r.lost), wonAmountMinor: num(r.amount), wonWithAmount: num(r.priced) }));

  const [overallRows, overallRevenue] = await Promise.all([journeys(false), revenue(false)]);
  const overall: FunnelAggregate = { key: null, stages: toStages(overallRows[0]), revenue: toRevenue(overallRevenue) };
  if (query.by === null) return { overall, groups: [] };

  const [groupRows, groupRevenue] = await Promise.all([journeys(true), revenue(true)]);
  const label = (v: unknown): string => (v === null || v === undefined || v === '' ? '(none)' : String(v));
  const keys = new Set([...groupRows.map((r) => label(r.key)), ...groupRevenue.map((r) => label(r.key))]);
  const groups = [...keys].sort().map((k) => ({
    key: k,
    stages: toStages(groupRows.find((r) => label(r.key) === k)),
    revenue: toRevenue(groupRevenue.filter((r) => label(r.key) === k)),
  }));
  return { overall, groups };
}
