import type { FunnelModel } from '../domain/funnel-model.js';
import type { FunnelUnit } from '../domain/funnel-unit.js';
import { scorecard } from '../domain/scorecard.js';
import type { Scorecard } from '../domain/scorecard.js';
import type { StageId } from '../domain/stage.js';
import { TandemError } from '../domain/errors.js';
import { funnelReport } from './funnel-report.js';
import { periodBounds } from './period.js';
import { parsePeriod } from './period-spec.js';
import { planFunnel } from './plan.js';
import type { ReportStore } from './ports/report-store.js';

export interface ScorecardRequest {
  /** The cohort period (`2024-Q2`, …); null for all history. */
  readonly period: string | null;
  /** A revenue goal for the period (major units): each team's part is planned backwards from it. */
  readonly goal?: number | null;
  readonly unit?: FunnelUnit;
  readonly at: Date;
}

/** The accountability scorecard: per team, stage and owner, targets against results. */
export async function scorecardReport(store: ReportStore, model: FunnelModel, request: ScorecardRequest): Promise<Scorecard> {
  const period = request.period ? parsePeriod(request.period, 'period') : { label: null, from: null, to: null };
  const unit = request.unit ?? 'person';
  const common = { from: period.from, to: period.to, unit, at: request.at };
  const slaHours: Partial<Record<StageId, number>> = {};
  for (const s of model.stages) if (s.slaHours !== null) slaHours[s.id] = s.slaHours;
  const { fromIso, toIsoExclusive } = periodBounds(period.from, period.to);
  const slaQuery = { modelVersion: model.version, fromIso, toIsoExclusive, slaHours, atIso: request.at.toISOString() };
  if (request.goal != null && request.period === null) {
    throw new TandemError('BAD_INPUT', '--goal needs --period: a goal is for a period', { place: { field: 'goal' } });
  }
  const [report, byOwner, sla, slaByOwner, plan] = await Promise.all([
    funnelReport(store, model, { ...common, by: null }),
    unit === 'person' ? funnelReport(store, model, { ...common, by: 'owner' }) : Promise.resolve(null),
    store.slaCompliance({ ...slaQuery, byOwner: false }),
    unit === 'person' ? store.slaCompliance({ ...slaQuery, byOwner: true }) : Promise.resolve([]),
    request.goal != null && request.period !== null ? planFunnel(store, model, { revenue: request.goal, period: request.period, at: request.at }) : Promise.resolve(null),
  ]);
  return scorecard({ model, period, report, byOwner, sla, slaByOwner, plan });
}
