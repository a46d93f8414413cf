import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { StageAggregate } from '../../domain/funnel-report.js';
import { MAIN_STAGES } from '../../domain/stage.js';
import type { MainStageId } from '../../domain/stage.js';
import type { CohortFilter, FunnelQuery } from '../../app/ports/report-store.js';
import type { DialectHelpers } from '../dialects/dialect-helpers.js';
import type { Database } from '../schema.js';
import { maskHas, stageMask } from './stage-mask.js';

type Row = Record<string, unknown>;

/** Interpolated percentile of ascending values, as SQLite's `percentile` and PostgreSQL's `percentile_cont` compute it. */
function interpolate(low: number, high: number | undefined, position: number): number {
  const i = Math.floor(position);
  return high === undefined || position === i ? low : low + (high - low) * (position - i);
}

const zeros = (): Record<MainStageId, number> => Object.fromEntries(MAIN_STAGES.map((s) => [s, 0])) as Record<MainStageId, number>;
const isMain = (stage: unknown): stage is MainStageId => (MAIN_STAGES as readonly unknown[]).includes(stage);

/**
 * Per main stage counts and days to the next stage of everyone who entered the funnel in the
 * period (cohort basis, people), without aggregating every column of every journey row:
 * - reached and current counts: without a period, one `group by (current_stage, stage mask)`
 *   walking the index `journeys_funnel` (migration 009) in order — a handful of rows come back;
 *   with a period (entered_at is not in that index), sums over one scan of the table;
 * - past-SLA counts: sums over one scan of the table (current_since is not in the index either);
 * - each percentile: a count and an offset into the partial index `journeys_days_<stage>`, no sort.
 * The figures are those of the aggregate over `unitJourneys` (funnel-aggregates.ts), which a
 * split, the flow basis and accounts still use: a split looks up every journey's person anyway.
 */
export async function cohortPersonStages(db: Kysely<Database>, helpers: DialectHelpers, query: CohortFilter, slaCutoffs: FunnelQuery['slaCutoffs']): Promise<StageAggregate[]> {
  // The period goes through `scanned`: SQLite must filter it inside the days index (which holds
  // entered_at), not range over journeys_entered and fetch every row it keeps.
  const period: RawBuilder<unknown>[] = [
    ...(query.fromIso ? [sql`${helpers.scanned(sql`entered_at`)} >= ${query.fromIso}`] : []),
    ...(query.toIsoExclusive ? [sql`${helpers.scanned(sql`entered_at`)} < ${query.toIsoExclusive}`] : []),
  ];
  const where = (...more: RawBuilder<unknown>[]): RawBuilder<unknown> => sql.join([sql`model_version = ${query.modelVersion}`, ...more, ...period], sql` and `);
  // Most of the version's rows: a scan, not a table lookup per row through an index.
  const everyRow = sql.join([sql`${helpers.scanned(sql`model_version`)} = ${query.modelVersion}`, ...period], sql` and `);
  const count = async (condition: RawBuilder<unknown>): Promise<number> => Number((await sql<Row>`select count(*) as n from journeys where ${condition}`.execute(db)).rows[0]?.n ?? 0);

  const reached = zeros();
  const current = zeros();
  const past = zeros();
  if (period.length === 0) {
    const groups = await sql<Row>`select current_stage, ${stageMask()} as mask, count(*) as n from journeys where ${where()} group by current_stage, ${stageMask()}`.execute(db);
    for (const r of groups.rows) {
      const n = Number(r.n);
      for (const s of MAIN_STAGES) if (maskHas(Number(r.mask), s)) reached[s] += n;
      if (isMain(r.current_stage)) current[r.current_stage] += n;
    }
  }
  const cutoffs = MAIN_STAGES.flatMap((s) => (slaCutoffs[s] === undefined ? [] : [[s, slaCutoffs[s]!] as const]));
  const sums = [
    ...(period.length === 0 ? [] : MAIN_STAGES.flatMap((s) => [sql`sum(${sql.ref(`reached_${s}`)})`.as(`reached_${s}`), sql`sum(case when current_stage = ${s} then 1 else 0 end)`.as(`current_${s}`)])),
    ...cutoffs.map(([s, cutoff]) => sql`sum(case when current_stage = ${s} and current_since < ${cutoff} then 1 else 0 end)`.as(`past_${s}`)),
  ];
  if (sums.length > 0) {
    const [r] = (await sql<Row>`select ${sql.join(sums)} from journeys where ${everyRow}`.execute(db)).rows;
    for (const s of MAIN_STAGES) {
      if (period.length > 0) {
        reached[s] = Number(r?.[`reached_${s}`] ?? 0);
        current[s] = Number(r?.[`current_${s}`] ?? 0);
      }
      past[s] = Number(r?.[`past_${s}`] ?? 0);
    }
  }

  const percentiles = async (s: MainStageId): Promise<[number | null, number | null]> => {
    const days = sql.ref(`days_${s}`);
    const notNull = sql`${days} is not null`;
    const n = await count(where(notNull));
    if (n === 0) return [null, null];
    const at = async (fraction: number): Promise<number> => {
      const position = fraction * (n - 1);
      const rows = await sql<Row>`select ${days} as v from journeys where ${where(notNull)} order by ${days} limit 2 offset ${Math.floor(position)}`.execute(db);
      return interpolate(Number(rows.rows[0]!.v), rows.rows[1] === undefined ? undefined : Number(rows.rows[1].v), position);
    };
    return [await at(0.5), await at(0.9)];
  };
  const stages: StageAggregate[] = [];
  for (const s of MAIN_STAGES) {
    const [median, p90] = await percentiles(s);
    stages.push({ stage: s, reached: reached[s], current: current[s], pastSla: past[s], medianDaysToNext: median, p90DaysToNext: p90 });
  }
  return stages;
}
