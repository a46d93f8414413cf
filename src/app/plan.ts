import type { FunnelModel } from '../domain/funnel-model.js';
import { stageDefinition } from '../domain/funnel-model.js';
import { planBackwards } from '../domain/plan.js';
import type { Plan, PlanRate, PlanRatesOverride, RateSource } from '../domain/plan.js';
import { MAIN_STAGES } from '../domain/stage.js';
import type { MainStageId } from '../domain/stage.js';
import { TandemError } from '../domain/errors.js';
import { funnelReport } from './funnel-report.js';
import { periodBounds } from './period.js';
import { parsePeriod } from './period-spec.js';
import type { ReportStore } from './ports/report-store.js';

export interface PlanRequest {
  /** Revenue goal in major units of the model's currency. */
  readonly revenue: number;
  /** The goal's period: `2025-Q3`, `2025-07`, `2025-07-01..2025-09-30`. */
  readonly period: string;
  /** Which cohorts the observed rates come from (a period; default: all history). */
  readonly history?: string | null;
  readonly rates?: PlanRatesOverride | null;
  readonly at: Date;
}

/**
 * Plans backwards from a revenue goal. Rates: the scenario's where given, else observed over the
 * history (conversion to next, median days from passing a stage to passing the next, average selling price), else the model's target.
 */
export async function planFunnel(store: ReportStore, model: FunnelModel, request: PlanRequest): Promise<Plan> {
  const period = parsePeriod(request.period, 'period');
  if (!period.from || !period.to) throw new TandemError('BAD_INPUT', `--period needs both ends, not "${request.period}"`, { place: { field: 'period' } });
  const history = request.history ? parsePeriod(request.history, 'history') : { from: null, to: null };
  const observed = await funnelReport(store, model, { from: history.from, to: history.to, by: null, at: request.at });
  const bounds = periodBounds(history.from, history.to);
  const lags = await store.stageLags({ modelVersion: model.version, ...bounds });
  const override = request.rates ?? { averageSellingPrice: null, stages: {} };
  const rates: PlanRate[] = MAIN_STAGES.filter((s): s is Exclude<MainStageId, 'won'> => s !== 'won').map((stage) => {
    const given = override.stages[stage];
    const seen = observed.stages.find((s) => s.id === stage);
    const target = stageDefinition(model, stage).targetConversion;
    const pick = <T>(file: T | undefined, obs: T | null | undefined, tgt: T | null = null): [T | null, RateSource | null] =>
      file !== undefined ? [file, 'file'] : obs !== null && obs !== undefined ? [obs, 'observed'] : tgt !== null ? [tgt, 'target'] : [null, null];
    const observedConversion = seen && seen.conversionToNext !== null && seen.conversionToNext > 0 ? seen.conversionToNext : null;
    const [conversion, conversionSource] = pick(given?.conversion, observedConversion, target);
    const [lagDays, lagSource] = pick(given?.lagDays, lags[stage]);
    return { stage, conversion, conversionSource, lagDays, lagSource };
  });
  const [asp, aspSource] =
    override.averageSellingPrice !== null
      ? [override.averageSellingPrice, 'file' as const]
      : observed.revenue.averageSellingPrice !== null
        ? [observed.revenue.averageSellingPrice, 'observed' as const]
        : [null, null];
  return planBackwards({
    model,
    goal: request.revenue,
    currency: override.averageSellingPrice !== null ? model.currency : observed.revenue.currency,
    period: { label: period.label, from: period.from, to: period.to },
    averageSellingPrice: asp,
    aspSource,
    rates,
  });
}
