import type { AttributionKey } from './attribute-opportunity.js';
import type { AttributionModel } from './attribution-model.js';
import type { AttributionReport } from './attribution-report.js';
import type { AttributionBasis } from './credit-by-key.js';

/** One key's credited revenue and pipeline under every model, and how far the models disagree. */
export interface ComparisonRow {
  readonly key: string;
  readonly revenue: Readonly<Partial<Record<AttributionModel, number>>>;
  readonly pipeline: Readonly<Partial<Record<AttributionModel, number>>>;
  readonly revenueMin: number;
  readonly revenueMax: number;
  /** Max − min revenue over the models: how much the answer depends on the model. */
  readonly revenueSpread: number;
  /** The spread as a share of the period's total revenue, 0..1. */
  readonly spreadShare: number;
}

/** `tandem report attribution --compare-models`: every model side by side. */
export interface AttributionComparison {
  readonly by: AttributionKey;
  readonly basis: AttributionBasis;
  readonly from: string | null;
  readonly to: string | null;
  readonly currency: string;
  readonly models: readonly AttributionReport[];
  readonly rows: readonly ComparisonRow[];
  readonly notes: readonly string[];
}

/** Lines the reports (one per model, same period and key) up by key. */
export function compareReports(reports: readonly AttributionReport[]): AttributionComparison {
  const first = reports[0];
  if (!first) throw new Error('compareReports needs at least one report');
  const keys = [...new Set(reports.flatMap((r) => r.rows.map((row) => row.key)))];
  const totalRevenue = first.total.revenue;
  const rows = keys.map((key): ComparisonRow => {
    const revenue: Partial<Record<AttributionModel, number>> = {};
    const pipeline: Partial<Record<AttributionModel, number>> = {};
    for (const r of reports) {
      const row = r.rows.find((x) => x.key === key);
      revenue[r.model] = row?.revenue ?? 0;
      pipeline[r.model] = row?.pipeline ?? 0;
    }
    const values = Object.values(revenue);
    const min = Math.min(...values);
    const max = Math.max(...values);
    return { key, revenue, pipeline, revenueMin: min, revenueMax: max, revenueSpread: max - min, spreadShare: totalRevenue > 0 ? (max - min) / totalRevenue : 0 };
  });
  rows.sort((a, b) => b.revenueMax - a.revenueMax || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { by: first.by, basis: first.basis, from: first.from, to: first.to, currency: first.currency, models: reports, rows, notes: first.notes };
}
