import type { AttributionKey } from '../domain/attribute-opportunity.js';
import type { AttributionModel } from '../domain/attribution-model.js';
import { compareReports } from '../domain/attribution-comparison.js';
import type { AttributionComparison } from '../domain/attribution-comparison.js';
import { attributionReport } from '../domain/attribution-report.js';
import type { AttributionReport, StageReach } from '../domain/attribution-report.js';
import { buildJourneys } from '../domain/build-journeys.js';
import { costByKey } from '../domain/campaign-cost.js';
import { creditByKey, periodRoles } from '../domain/credit-by-key.js';
import type { AttributionBasis } from '../domain/credit-by-key.js';
import { TandemError } from '../domain/errors.js';
import type { FunnelModel } from '../domain/funnel-model.js';
import { DEFAULT_SOURCING } from '../domain/sourcing-config.js';
import type { SourcingConfig } from '../domain/sourcing-config.js';
import type { AttributionStore } from './ports/attribution-store.js';
import { periodBounds } from './period.js';

export interface AttributionRequest {
  readonly model: AttributionModel;
  readonly by: AttributionKey;
  /** Inclusive dates (YYYY-MM-DD): revenue of deals won, pipeline of deals created, in the period. */
  readonly from: string | null;
  readonly to: string | null;
  /** How deals are placed in the period: by creation and won close (default), or by their person's cohort. */
  readonly basis?: AttributionBasis;
  /** Report money in this currency (default: the only one, else the funnel model's). */
  readonly currency?: string | null;
  /** Time-decay half-life in days (default: the funnel model's sourcing.halfLifeDays). */
  readonly halfLifeDays?: number | null;
  /** "Now": a deal still open is credited by its touches up to this time. */
  readonly at: Date;
}

export type ComparisonRequest = Omit<AttributionRequest, 'model'> & { readonly models: readonly AttributionModel[] };

function sourcingOf(model: FunnelModel, halfLifeDays: number | null | undefined): SourcingConfig {
  const config = model.sourcing ?? DEFAULT_SOURCING;
  if (halfLifeDays === null || halfLifeDays === undefined) return config;
  if (!(halfLifeDays > 0)) throw new TandemError('BAD_INPUT', `--half-life must be a positive number of days, not ${halfLifeDays}`, { place: { field: 'half-life' } });
  return { ...config, halfLifeDays };
}

/** The reports of several models over the same data: read once, credited per model. */
async function reports(store: AttributionStore, funnel: FunnelModel, models: readonly AttributionModel[], request: Omit<AttributionRequest, 'model'>): Promise<AttributionReport[]> {
  const period = periodBounds(request.from, request.to);
  const config = sourcingOf(funnel, request.halfLifeDays);
  if (request.currency && !/^[A-Z]{3}$/.test(request.currency)) {
    throw new TandemError('BAD_INPUT', `--currency must be a three-letter code like USD, not "${request.currency}"`, { place: { field: 'currency' } });
  }
  const basis = request.basis ?? 'close';
  const data = await store.attributionData({ ...period, touchTypes: config.touches.types, basis, modelVersion: funnel.version });
  const all = buildJourneys(data, config, request.at.toISOString()).filter((j) => {
    const roles = periodRoles(j, period, basis);
    return roles.pipeline || roles.revenue;
  });
  const currencyOf = (c: string | null): string => c ?? funnel.currency;
  const counts = new Map<string, number>();
  for (const j of all) counts.set(currencyOf(j.opportunity.currency), (counts.get(currencyOf(j.opportunity.currency)) ?? 0) + 1);
  const currency = request.currency ?? (counts.size === 1 ? [...counts.keys()][0]! : funnel.currency);
  const journeys = all.filter((j) => currencyOf(j.opportunity.currency) === currency);

  const notes: string[] = [];
  for (const [other, n] of counts) {
    if (other !== currency) notes.push(`${n} deal(s) in ${other} are not included (amounts in different currencies are never added): run with --currency ${other}.`);
  }
  const untouched = journeys.filter((j) => j.touches.length === 0).length;
  if (untouched > 0) {
    notes.push(`${untouched} deal(s) had no touch before their close: credited to "(no touch)" (by the sourced model, to their original source or "otherwise").`);
  }

  const withCost = data.campaigns.filter((c) => c.costMinor !== null);
  let costs: Map<string, number> | null = null;
  let reach: StageReach | null = null;
  if (withCost.length > 0) {
    costs = costByKey(withCost, request.by, period, currency, funnel.currency, config);
    const undated = withCost.filter((c) => c.startedAt === null).length;
    if (undated > 0 && (period.fromIso !== null || period.toIsoExclusive !== null)) {
      notes.push(`${undated} campaign(s) without dates have no cost in a bounded period.`);
    }
    const counts = await store.stageTouches({ ...period, modelVersion: funnel.version, stages: ['inquiry', 'mql'], windowDays: null, by: request.by, config });
    const stage = (id: 'inquiry' | 'mql') => counts.find((c) => c.stage === id);
    reach = {
      inquiry: new Map(stage('inquiry')?.touched.map((t) => [t.key, t.people]) ?? []),
      mql: new Map(stage('mql')?.touched.map((t) => [t.key, t.people]) ?? []),
      totals: { inquiry: stage('inquiry')?.moved ?? 0, mql: stage('mql')?.moved ?? 0 },
    };
  }
  return models.map((m) =>
    attributionReport({
      model: m,
      by: request.by,
      basis,
      from: request.from,
      to: request.to,
      currency,
      credited: creditByKey(journeys, m, request.by, period, config, basis),
      costs,
      reach,
      notes,
    }),
  );
}

/** Credit for pipeline and revenue per team, channel or campaign under one attribution model. */
export async function attributionReportOf(store: AttributionStore, funnel: FunnelModel, request: AttributionRequest): Promise<AttributionReport> {
  const [report] = await reports(store, funnel, [request.model], request);
  return report!;
}

/** Every model side by side, and how far they disagree per key. */
export async function compareAttributionModels(store: AttributionStore, funnel: FunnelModel, request: ComparisonRequest): Promise<AttributionComparison> {
  return compareReports(await reports(store, funnel, request.models, request));
}
