import { cohortRows, cohortTriangle, timeToStage } from '../domain/cohort-report.js';
import type { CohortGrain, CohortReport } from '../domain/cohort-report.js';
import type { FunnelModel } from '../domain/funnel-model.js';
import type { FunnelUnit } from '../domain/funnel-unit.js';
import type { MainStageId } from '../domain/stage.js';
import { periodBounds } from './period.js';
import type { ReportStore } from './ports/report-store.js';

export interface CohortReportRequest {
  readonly grain: CohortGrain;
  readonly from: string | null;
  readonly to: string | null;
  /** A field to split every cohort by. */
  readonly split: string | null;
  readonly unit?: FunnelUnit;
  /** The stage of the triangle (default won). */
  readonly stage?: MainStageId;
  /** "Now": the triangle shows nothing later. */
  readonly at: Date;
}

/** Cohorts by funnel-entry month or quarter: share reaching each stage, time to it, and a triangle. */
export async function cohortReport(store: ReportStore, model: FunnelModel, request: CohortReportRequest): Promise<CohortReport> {
  const { fromIso, toIsoExclusive } = periodBounds(request.from, request.to);
  const unit = request.unit ?? 'person';
  const stage = request.stage ?? 'won';
  const agg = await store.cohortAggregates({
    modelVersion: model.version,
    fromIso,
    toIsoExclusive,
    unit,
    grain: request.grain,
    split: request.split,
    triangleStage: stage,
  });
  const at = request.at.toISOString();
  const observedUntil = agg.observedUntil === null ? null : agg.observedUntil < at ? agg.observedUntil : at;
  const rows = cohortRows(agg.cohorts);
  const report: CohortReport = {
    modelVersion: model.version,
    unit,
    grain: request.grain,
    from: request.from,
    to: request.to,
    split: request.split,
    observedUntil,
    cohorts: rows,
    timeToStage: timeToStage(agg.overall),
    triangle: cohortTriangle(stage, request.grain, rows, agg.ages, observedUntil),
  };
  if (request.split === null) return report;
  const keys = [...new Set(agg.groupCohorts.map((c) => c.key ?? '(none)'))].sort();
  return {
    ...report,
    groups: keys.map((key) => {
      const groupRows = cohortRows(agg.groupCohorts.filter((c) => c.key === key));
      const ages = agg.groupAges.filter((a) => a.key === key);
      return { key, cohorts: groupRows, triangle: cohortTriangle(stage, request.grain, groupRows, ages, observedUntil) };
    }),
  };
}
