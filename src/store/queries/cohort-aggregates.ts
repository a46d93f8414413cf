import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { CohortAgeCount, CohortAggregate, CohortGrain } from '../../domain/cohort-report.js';
import { MAIN_STAGES } from '../../domain/stage.js';
import type { CohortAggregates, CohortQuery } from '../../app/ports/report-store.js';
import type { DialectHelpers } from '../dialects/dialect-helpers.js';
import type { Database } from '../schema.js';
import { unitJourneys } from './unit-journeys.js';

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const textOrNull = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

const year = (iso: RawBuilder<unknown>) => sql<number>`cast(substr(${iso}, 1, 4) as integer)`;
const month = (iso: RawBuilder<unknown>) => sql<number>`cast(substr(${iso}, 6, 2) as integer)`;

/** The cohort label of an ISO time column, the same text on every dialect (`2024-05`, `2024-Q2`). */
function cohortLabel(iso: RawBuilder<unknown>, grain: CohortGrain): RawBuilder<string> {
  switch (grain) {
    case 'month':
      return sql<string>`substr(${iso}, 1, 7)`;
    case 'quarter':
      return sql<string>`(substr(${iso}, 1, 4) || '-Q' || cast((${month(iso)} + 2) / 3 as text))`;
    default: {
      const never: never = grain;
      throw new Error(`unknown grain ${String(never)}`);
    }
  }
}

/** A month (quarter) number that differences turn into ages. */
function periodNumber(iso: RawBuilder<unknown>, grain: CohortGrain): RawBuilder<number> {
  return grain === 'month' ? sql<number>`(${year(iso)} * 12 + ${month(iso)} - 1)` : sql<number>`(${year(iso)} * 4 + (${month(iso)} - 1) / 3)`;
}

/**
 * Cohorts of units by funnel-entry month or quarter: size, per stage reached and days from entry
 * (median, p75, p90), all as SQL aggregates over the journeys; plus the per-age counts of the
 * triangle's stage and the latest time the data shows.
 */
export async function cohortAggregates(db: Kysely<Database>, helpers: DialectHelpers, query: CohortQuery): Promise<CohortAggregates> {
  const source = unitJourneys(helpers, { unit: query.unit ?? 'person', modelVersion: query.modelVersion, by: query.split });
  const entered = sql`j.entered_at`;
  const stageColumns = MAIN_STAGES.flatMap((s) => [
    sql`sum(${sql.ref(`j.reached_${s}`)})`.as(`reached_${s}`),
    helpers.percentile(`j.since_${s}`, 0.5).as(`p50_${s}`),
    helpers.percentile(`j.since_${s}`, 0.75).as(`p75_${s}`),
    helpers.percentile(`j.since_${s}`, 0.9).as(`p90_${s}`),
  ]);
  const base = () => {
    let q = db.selectFrom(source.as('j')).where('j.entered_at', 'is not', null);
    if (query.fromIso) q = q.where('j.entered_at', '>=', query.fromIso);
    if (query.toIsoExclusive) q = q.where('j.entered_at', '<', query.toIsoExclusive);
    return q;
  };
  const keyOf = (split: boolean) => (split ? sql`j.group_key` : sql`null`);
  const label = cohortLabel(entered, query.grain);
  const passed = sql.ref(`j.passed_${query.triangleStage}`);

  const cohorts = async (split: boolean): Promise<Row[]> =>
    (await base()
      .select([label.as('cohort'), keyOf(split).as('key'), sql`count(*)`.as('size'), ...stageColumns])
      .groupBy(split ? [sql`1`, sql`2`] : [sql`1`])
      .execute()) as Row[];
  const ages = async (split: boolean): Promise<Row[]> =>
    (await base()
      .where(passed, 'is not', null)
      .select([
        label.as('cohort'),
        keyOf(split).as('key'),
        sql`${periodNumber(passed, query.grain)} - ${periodNumber(entered, query.grain)}`.as('age'),
        sql`count(*)`.as('n'),
      ])
      .groupBy(split ? [sql`1`, sql`2`, sql`3`] : [sql`1`, sql`3`])
      .execute()) as Row[];
  const overallRows = (await base().select([sql`count(*)`.as('size'), ...stageColumns]).execute()) as Row[];
  const latest = (await db.selectFrom(source.as('j')).select(sql`max(j.current_since)`.as('latest')).execute()) as Row[];

  const toAggregate = (r: Row, cohort: string | null, split: boolean): CohortAggregate => ({
    cohort,
    key: split ? (textOrNull(r.key) ?? '(none)') : null,
    size: num(r.size),
    stages: MAIN_STAGES.map((s) => ({
      stage: s,
      reached: num(r[`reached_${s}`]),
      p50Days: numOrNull(r[`p50_${s}`]),
      p75Days: numOrNull(r[`p75_${s}`]),
      p90Days: numOrNull(r[`p90_${s}`]),
    })),
  });
  const toAges = (rows: Row[], split: boolean): CohortAgeCount[] =>
    rows.map((r) => ({ cohort: String(r.cohort), key: split ? (textOrNull(r.key) ?? '(none)') : null, age: num(r.age), count: num(r.n) }));
  const split = query.split !== null;
  return {
    cohorts: (await cohorts(false)).map((r) => toAggregate(r, String(r.cohort), false)),
    overall: toAggregate(overallRows[0] ?? {}, null, false),
    ages: toAges(await ages(false), false),
    groupCohorts: split ? (await cohorts(true)).map((r) => toAggregate(r, String(r.cohort), true)) : [],
    groupAges: split ? toAges(await ages(true), true) : [],
    observedUntil: textOrNull(latest[0]?.latest),
  };
}
