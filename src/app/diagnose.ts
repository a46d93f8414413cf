import { diagnose } from '../domain/diagnosis.js';
import type { Diagnosis, StageLoad } from '../domain/diagnosis.js';
import type { FunnelModel } from '../domain/funnel-model.js';
import { stageDefinition } from '../domain/funnel-model.js';
import type { FunnelUnit } from '../domain/funnel-unit.js';
import { MAIN_STAGES } from '../domain/stage.js';
import { funnelReport } from './funnel-report.js';
import { periodBounds } from './period.js';
import { periodDays } from './period-spec.js';
import type { ReportStore, StageLoadRow } from './ports/report-store.js';

export interface DiagnoseRequest {
  /** Inclusive dates (YYYY-MM-DD) of funnel entry, as for the funnel report. */
  readonly from: string | null;
  readonly to: string | null;
  readonly unit?: FunnelUnit;
  /** "Now" for SLA ageing. */
  readonly at: Date;
}

const DAY_MS = 86_400_000;

function weeksOf(request: DiagnoseRequest, row: StageLoadRow): number {
  const days =
    periodDays({ from: request.from, to: request.to }) ??
    (row.firstArrival && row.lastArrival ? (Date.parse(row.lastArrival) - Date.parse(row.firstArrival)) / DAY_MS + 1 : 0);
  return days / 7;
}

/** Where the funnel is plugged in the period, whose stage it is, and what fixing it is worth. */
export async function diagnoseFunnel(store: ReportStore, model: FunnelModel, request: DiagnoseRequest): Promise<Diagnosis> {
  const unit = request.unit ?? 'person';
  const common = { by: null, unit, at: request.at };
  const periodIsHistory = request.from === null && request.to === null;
  const period = await funnelReport(store, model, { ...common, from: request.from, to: request.to });
  const history = periodIsHistory ? period : await funnelReport(store, model, { ...common, from: null, to: null });
  // Capacity is a matter of people working people: stages with a capacity in the model, or timed hand-overs (sla).
  const worked = MAIN_STAGES.slice(1).filter((s) => {
    const def = stageDefinition(model, s);
    return def.capacityPerOwnerWeek !== null || def.kind === 'sla';
  });
  const { fromIso, toIsoExclusive } = periodBounds(request.from, request.to);
  const rows = unit === 'person' ? await store.stageLoads({ modelVersion: model.version, fromIso, toIsoExclusive, unit, stages: worked }) : [];
  const loads: StageLoad[] = rows.map((r) => ({
    stage: r.stage,
    arrivals: r.arrivals,
    owners: r.owners,
    observedWeeklyCapacity: r.observedWeeklyCapacity,
    weeks: weeksOf(request, r),
  }));
  const diagnosis = diagnose({ model, unit, from: request.from, to: request.to, period, history, periodIsHistory, loads });
  if (unit === 'person') return diagnosis;
  return { ...diagnosis, notes: [...diagnosis.notes, 'Capacity is measured on people, not accounts: run without --unit account to see it.'] };
}
