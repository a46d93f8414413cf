import type { AttributionKey } from './attribute-opportunity.js';
import type { AttributionModel } from './attribution-model.js';
import type { AttributionBasis, CreditedFigures, KeyFigures } from './credit-by-key.js';
import { toMajor } from './funnel-report.js';

/** One key's figures in major units (dollars, not cents). Cost fields appear when campaign costs are imported. */
export interface AttributionRow {
  readonly key: string;
  readonly touches: number;
  readonly pipeline: number;
  readonly revenue: number;
  readonly deals: number;
  readonly cost?: number | null;
  readonly costPerInquiry?: number | null;
  readonly costPerMql?: number | null;
  readonly costPerDeal?: number | null;
  /** Credited revenue ÷ cost (2 = every unit spent returned two). */
  readonly returnOnSpend?: number | null;
}

export type AttributionTotal = Omit<AttributionRow, 'key'>;

/** `tandem report attribution`: credit for pipeline and revenue per team, channel or campaign under one model. */
export interface AttributionReport {
  readonly model: AttributionModel;
  readonly by: AttributionKey;
  /** close: pipeline by creation, revenue by won close; cohort: both by when the deal's person entered the funnel. */
  readonly basis: AttributionBasis;
  readonly from: string | null;
  readonly to: string | null;
  readonly currency: string;
  readonly rows: readonly AttributionRow[];
  readonly total: AttributionTotal;
  readonly notes: readonly string[];
}

/** People who reached inquiry and mql in the period, per key that touched them at or before they did, and in all. */
export interface StageReach {
  readonly inquiry: ReadonlyMap<string, number>;
  readonly mql: ReadonlyMap<string, number>;
  readonly totals: { readonly inquiry: number; readonly mql: number };
}

export interface AttributionReportInput {
  readonly model: AttributionModel;
  readonly by: AttributionKey;
  readonly basis: AttributionBasis;
  readonly from: string | null;
  readonly to: string | null;
  readonly currency: string;
  readonly credited: CreditedFigures;
  /** Campaign cost per key (minor units), or null when no campaign with a cost was imported. */
  readonly costs: ReadonlyMap<string, number> | null;
  readonly reach: StageReach | null;
  readonly notes: readonly string[];
}

const roundDeals = (n: number): number => Math.round(n * 1000) / 1000;
const per = (cost: number | null, n: number | undefined): number | null => (cost !== null && n ? cost / n : null);

/** Turns credited figures (minor units) and campaign costs into the report rows. */
export function attributionReport(input: AttributionReportInput): AttributionReport {
  const money = (minor: number): number => toMajor(minor, input.currency);
  const costs = input.costs;
  const row = (figures: KeyFigures, costMinor: number | null, reach: { inquiry?: number; mql?: number }): AttributionTotal => {
    const base = { touches: figures.touches, pipeline: money(figures.pipelineMinor), revenue: money(figures.revenueMinor), deals: roundDeals(figures.deals) };
    if (costs === null) return base;
    const cost = costMinor === null ? null : money(costMinor);
    return {
      ...base,
      cost,
      costPerInquiry: per(cost, reach.inquiry),
      costPerMql: per(cost, reach.mql),
      costPerDeal: per(cost, figures.deals),
      returnOnSpend: cost ? base.revenue / cost : null,
    };
  };
  const keys = new Set([...input.credited.byKey.keys(), ...(costs?.keys() ?? [])]);
  const empty: KeyFigures = { touches: 0, pipelineMinor: 0, revenueMinor: 0, deals: 0 };
  const rows: AttributionRow[] = [...keys].map((key) => ({
    key,
    ...row(input.credited.byKey.get(key) ?? empty, costs?.get(key) ?? null, {
      inquiry: input.reach?.inquiry.get(key),
      mql: input.reach?.mql.get(key),
    }),
  }));
  rows.sort((a, b) => b.revenue - a.revenue || b.pipeline - a.pipeline || b.touches - a.touches || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const totalCost = costs === null ? null : [...costs.values()].reduce((a, b) => a + b, 0);
  return {
    model: input.model,
    by: input.by,
    basis: input.basis,
    from: input.from,
    to: input.to,
    currency: input.currency,
    rows,
    total: row(input.credited.total, totalCost, { inquiry: input.reach?.totals.inquiry, mql: input.reach?.totals.mql }),
    notes: input.notes,
  };
}
