import type { FunnelModel } from '../domain/funnel-model.js';
import { funnelFigures } from '../domain/funnel-report.js';
import type { FunnelReport } from '../domain/funnel-report.js';
import { MAIN_STAGES } from '../domain/stage.js';
import type { MainStageId } from '../domain/stage.js';
import { stageDefinition } from '../domain/funnel-model.js';
import type { FunnelUnit } from '../domain/funnel-unit.js';
import type { ReportBasis } from '../domain/report-basis.js';
import type { ReportStore } from './ports/report-store.js';
import { periodBounds } from './period.js';

export interface FunnelReportRequest {
  /** Inclusive dates (YYYY-MM-DD) of funnel entry: the cohort. */
  readonly from: string | null;
  readonly to: string | null;
  readonly by: string | null;
  /** People (default) or accounts. */
  readonly unit?: FunnelUnit;
  /** cohort (default) or flow: see ReportBasis. */
  readonly basis?: ReportBasis;
  /** "Now" for SLA ageing. */
  readonly at: Date;
}

/** The funnel report: per main stage and revenue, optionally split by a person field. */
export async function funnelReport(store: ReportStore, model: FunnelModel, request: FunnelReportRequest): Promise<FunnelReport> {
  const { fromIso, toIsoExclusive } = periodBounds(request.from, request.to);
  const slaCutoffs: Partial<Record<MainStageId, string>> = {};
  for (const s of MAIN_STAGES) {
    const hours = stageDefinition(model, s).slaHours;
    if (hours !== null) slaCutoffs[s] = new Date(request.at.getTime() - hours * 3_600_000).toISOString();
  }
  const { overall, groups } = await store.funnelAggregates({
    modelVersion: model.version,
    fromIso,
    toIsoExclusive,
    by: request.by,
    slaCutoffs,
    unit: request.unit ?? 'person',
    basis: request.basis ?? 'cohort',
  });
  return {
    modelVersion: model.version,
    unit: request.unit ?? 'person',
    basis: request.basis ?? 'cohort',
    from: request.from,
    to: request.to,
    by: request.by,
    ...funnelFigures(model, overall),
    ...(request.by !== null ? { groups: groups.map((g) => ({ key: g.key ?? '(none)', ...funnelFigures(model, g) })) } : {}),
  };
}
