import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { FunnelAggregate, RevenueAggregate, StageAggregate } from '../../domain/funnel-report.js';
import { MAIN_STAGES } from '../../domain/stage.js';
import type { MainStageId } from '../../domain/stage.js';
import type { FunnelQuery } from '../../app/ports/report-store.js';
import type { DialectHelpers } from '../dialects/dialect-helpers.js';
import type { Database } from '../schema.js';
import { unitFieldExpression } from './group-key.js';
import { unitJourneys } from './unit-journeys.js';
import { cohortPersonStages } from './cohort-person-stages.js';

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The funnel as one scan of the journeys (and one of the opportunities), split by a field if asked. */
export async function funnelAggregates(
  db: Kysely<Database>,
  helpers: DialectHelpers,
  query: FunnelQuery,
): Promise<{ overall: FunnelAggregate; groups: FunnelAggregate[] }> {
  const unit = query.unit ?? 'person';
  const flow = query.basis === 'flow';
  // Flow basis: each stage counts the units that passed it within the period; cohort basis: units that entered in it.
  const inPeriod = (iso: RawBuilder<unknown>): RawBuilder<unknown> => {
    const conds = [
      ...(query.fromIso ? [sql`${iso} >= ${query.fromIso}`] : []),
      ...(query.toIsoExclusive ? [sql`${iso} < ${query.toIsoExclusive}`] : []),
    ];
    return conds.length === 0 ? sql`${iso} is not null` : sql.join(conds, sql` and `);
  };
  const counted = (s: MainStageId, condition: RawBuilder<unknown> = sql`1 = 1`): RawBuilder<unknown> =>
    flow ? sql`(${condition}) and ${inPeriod(sql.ref(`j.passed_${s}`))}` : condition;
  const stageColumns = MAIN_STAGES.flatMap((s) => {
    const cutoff = query.slaCutoffs[s];
    const days = flow ? sql`case when ${counted(s)} then ${sql.ref(`j.days_${s}`)} end` : `j.days_${s}`;
    return [
      flow ? sql`sum(case when ${counted(s)} then 1 else 0 end)`.as(`reached_${s}`) : sql`sum(${sql.ref(`j.reached_${s}`)})`.as(`reached_${s}`),
      sql`sum(case when ${counted(s, sql`j.current_stage = ${s}`)} then 1 else 0 end)`.as(`current_${s}`),
      cutoff
        ? sql`sum(case when ${counted(s, sql`j.current_stage = ${s} and j.current_since < ${cutoff}`)} then 1 else 0 end)`.as(`past_${s}`)
        : sql`0`.as(`past_${s}`),
      helpers.percentile(days, 0.5).as(`median_${s}`),
      helpers.percentile(days, 0.9).as(`p90_${s}`),
    ];
  });
  const source = (grouped: boolean) => unitJourneys(helpers, { unit, modelVersion: query.modelVersion, by: grouped ? query.by : null });

  const journeys = async (grouped: boolean): Promise<Row[]> => {
    let q = db.selectFrom(source(grouped).as('j')).select([(grouped ? sql`j.group_key` : sql`null`).as('key'), ...stageColumns]);
    if (query.fromIso && !flow) q = q.where('j.entered_at', '>=', query.fromIso);
    if (query.toIsoExclusive && !flow) q = q.where('j.entered_at', '<', query.toIsoExclusive);
    if (grouped) q = q.groupBy('j.group_key');
    return (await q.execute()) as Row[];
  };

  // Deals are few next to people: each looks up its unit's funnel entry (an index lookup), never a scan of every journey.
  const unitOf = unit === 'account' ? sql`coalesce(o.account_id, p.account_id)` : sql`o.person_id`;
  const unitEntered =
    unit === 'account'
      ? sql<string | null>`(select min(j2.entered_at) from journeys j2 inner join persons p2 on p2.id = j2.person_id where j2.model_version = ${query.modelVersion} and p2.account_id = ${unitOf})`
      : sql<string | null>`(select j2.entered_at from journeys j2 where j2.model_version = ${query.modelVersion} and j2.person_id = o.person_id)`;
  const revenueKey = (grouped: boolean) =>
    !grouped ? sql`null` : unit === 'account' ? unitFieldExpression(helpers, 'account', query.by, 'acc') : unitFieldExpression(helpers, 'person', query.by, 'p');

  const revenue = async (grouped: boolean): Promise<Row[]> => {
    // An opportunity belongs to the cohort of its person (or, counting accounts, of its account).
    let q = db
      .selectFrom('opportunities as o')
      .leftJoin('persons as p', 'p.id', 'o.person_id')
      .leftJoin('accounts as acc', (join) => join.on(sql`acc.id`, '=', unitOf))
      .select([
        revenueKey(grouped).as('key'),
        'o.currency as currency',
        sql`sum(case when o.status = 'won' then 1 else 0 end)`.as('won'),
        sql`sum(case when o.status = 'lost' then 1 else 0 end)`.as('lost'),
        sql`sum(case when o.status = 'won' then coalesce(o.amount_minor, 0) else 0 end)`.as('amount'),
        sql`sum(case when o.status = 'won' and o.amount_minor is not null then 1 else 0 end)`.as('priced'),
      ])
      .groupBy(grouped ? [sql`1`, 'o.currency'] : ['o.currency']);
    // One without a person (or account) belongs to the period it was created in; by flow, a deal to when it closed.
    const entered = flow ? sql<string>`coalesce(o.closed_at, o.created_at)` : sql<string>`coalesce(${unitEntered}, o.created_at)`;
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

  const label = (v: unknown): string => (v === null || v === undefined || v === '' ? '(none)' : String(v));
  // Everyone, counting people by cohort (the default report), reads the indexes of migration 009;
  // a split, the flow basis and accounts aggregate every unit.
  const overallStages = async (): Promise<StageAggregate[]> =>
    unit === 'person' && !flow ? cohortPersonStages(db, helpers, query, query.slaCutoffs) : toStages((await journeys(false))[0]);

  const [stages, overallRevenue] = await Promise.all([overallStages(), revenue(false)]);
  const overall: FunnelAggregate = { key: null, stages, revenue: toRevenue(overallRevenue) };
  if (query.by === null) return { overall, groups: [] };

  const [groupRows, groupRevenue] = await Promise.all([journeys(true), revenue(true)]);
  const keys = new Set([...groupRows.map((r) => label(r.key)), ...groupRevenue.map((r) => label(r.key))]);
  const groups = [...keys].sort().map((k) => ({
    key: k,
    stages: toStages(groupRows.find((r) => label(r.key) === k)),
    revenue: toRevenue(groupRevenue.filter((r) => label(r.key) === k)),
  }));
  return { overall, groups };
}
