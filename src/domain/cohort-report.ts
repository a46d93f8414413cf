import type { FunnelUnit } from './funnel-unit.js';
import { MAIN_STAGES } from './stage.js';
import type { MainStageId } from './stage.js';

export const COHORT_GRAINS = ['month', 'quarter'] as const;
export type CohortGrain = (typeof COHORT_GRAINS)[number];

/** Per cohort and stage, what the store aggregates: how many reached it and how long it took from funnel entry. */
export interface CohortStageAggregate {
  readonly stage: MainStageId;
  readonly reached: number;
  readonly p50Days: number | null;
  readonly p75Days: number | null;
  readonly p90Days: number | null;
}

export interface CohortAggregate {
  /** The cohort label (`2024-05` or `2024-Q2`); null for all cohorts together. */
  readonly cohort: string | null;
  /** The split value (with a split), else null. */
  readonly key: string | null;
  readonly size: number;
  readonly stages: readonly CohortStageAggregate[];
}

/** How many of a cohort passed the triangle's stage `age` months (or quarters) after their cohort began. */
export interface CohortAgeCount {
  readonly cohort: string;
  readonly key: string | null;
  readonly age: number;
  readonly count: number;
}

export interface CohortStageFigures {
  readonly id: MainStageId;
  readonly reached: number;
  /** Share of the cohort that reached the stage (0..1). */
  readonly share: number | null;
  /** Days from funnel entry to passing the stage: median, p75, p90. */
  readonly medianDays: number | null;
  readonly p75Days: number | null;
  readonly p90Days: number | null;
}

export interface CohortRow {
  readonly cohort: string;
  readonly size: number;
  readonly stages: readonly CohortStageFigures[];
}

/**
 * The cohort triangle of one stage: per cohort, the cumulative share that had passed the stage
 * by the end of each month (quarter) of age; null where that time has not yet been observed.
 */
export interface CohortTriangle {
  readonly stage: MainStageId;
  readonly ages: readonly number[];
  readonly rows: readonly { readonly cohort: string; readonly size: number; readonly cumulativeShare: readonly (number | null)[] }[];
}

export interface CohortGroup {
  readonly key: string;
  readonly cohorts: readonly CohortRow[];
  readonly triangle: CohortTriangle;
}

export interface CohortReport {
  readonly modelVersion: string;
  readonly unit: FunnelUnit;
  readonly grain: CohortGrain;
  readonly from: string | null;
  readonly to: string | null;
  readonly split: string | null;
  /** The latest time the data shows (capped at the report's "now"): the triangle's edge. */
  readonly observedUntil: string | null;
  readonly cohorts: readonly CohortRow[];
  /** All cohorts of the period together: days from funnel entry to each stage. */
  readonly timeToStage: readonly CohortStageFigures[];
  readonly triangle: CohortTriangle;
  readonly groups?: readonly CohortGroup[];
}

/** Position of a cohort label on a month or quarter axis (`2024-05` → 24292, `2024-Q2` → 8097). */
export function cohortIndex(label: string, grain: CohortGrain): number {
  const year = Number(label.slice(0, 4));
  switch (grain) {
    case 'month':
      return year * 12 + Number(label.slice(5, 7)) - 1;
    case 'quarter':
      return year * 4 + Number(label.slice(-1)) - 1;
    default: {
      const never: never = grain;
      throw new Error(`unknown grain ${String(never)}`);
    }
  }
}

/** The cohort label a UTC ISO time falls in. */
export function cohortOf(iso: string, grain: CohortGrain): string {
  return grain === 'month' ? iso.slice(0, 7) : `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
}

function stageFigures(agg: CohortAggregate): CohortStageFigures[] {
  const byStage = new Map(agg.stages.map((s) => [s.stage, s]));
  return MAIN_STAGES.map((id) => {
    const s = byStage.get(id);
    const reached = s?.reached ?? 0;
    return {
      id,
      reached,
      share: agg.size > 0 ? reached / agg.size : null,
      medianDays: s?.p50Days ?? null,
      p75Days: s?.p75Days ?? null,
      p90Days: s?.p90Days ?? null,
    };
  });
}

/** Cohort rows in time order. */
export function cohortRows(aggregates: readonly CohortAggregate[]): CohortRow[] {
  return aggregates
    .filter((a): a is CohortAggregate & { cohort: string } => a.cohort !== null)
    .map((a) => ({ cohort: a.cohort, size: a.size, stages: stageFigures(a) }))
    .sort((a, b) => (a.cohort < b.cohort ? -1 : a.cohort > b.cohort ? 1 : 0));
}

export function timeToStage(overall: CohortAggregate | undefined): CohortStageFigures[] {
  return stageFigures(overall ?? { cohort: null, key: null, size: 0, stages: [] });
}

/** Builds the triangle from per-age counts; cells later than `observedUntil` stay null. */
export function cohortTriangle(
  stage: MainStageId,
  grain: CohortGrain,
  rows: readonly CohortRow[],
  counts: readonly CohortAgeCount[],
  observedUntil: string | null,
): CohortTriangle {
  if (rows.length === 0) return { stage, ages: [], rows: [] };
  const first = cohortIndex(rows[0]!.cohort, grain);
  const lastObserved = observedUntil ? cohortIndex(cohortOf(observedUntil, grain), grain) : cohortIndex(rows[rows.length - 1]!.cohort, grain);
  const maxAge = Math.max(0, lastObserved - first);
  const ages = Array.from({ length: maxAge + 1 }, (_, i) => i);
  const byCohort = new Map<string, number[]>();
  for (const c of counts) {
    if (c.age < 0 || c.age > maxAge) continue;
    const list = byCohort.get(c.cohort) ?? new Array<number>(maxAge + 1).fill(0);
    list[c.age] = (list[c.age] ?? 0) + c.count;
    byCohort.set(c.cohort, list);
  }
  return {
    stage,
    ages,
    rows: rows.map((r) => {
      const perAge = byCohort.get(r.cohort) ?? [];
      const start = cohortIndex(r.cohort, grain);
      let running = 0;
      const cumulativeShare = ages.map((age) => {
        running += perAge[age] ?? 0;
        if (start + age > lastObserved || r.size === 0) return null;
        return running / r.size;
      });
      return { cohort: r.cohort, size: r.size, cumulativeShare };
    }),
  };
}
