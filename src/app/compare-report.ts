import { funnelChange } from '../domain/funnel-change.js';
import type { CompareReport } from '../domain/funnel-change.js';
import type { FunnelModel } from '../domain/funnel-model.js';
import type { FunnelUnit } from '../domain/funnel-unit.js';
import type { ReportBasis } from '../domain/report-basis.js';
import { funnelReport } from './funnel-report.js';
import { parsePeriod } from './period-spec.js';
import type { ReportStore } from './ports/report-store.js';

export interface CompareRequest {
  /** Periods as people write them: `2024-Q2`, `2024-05`, `2024-01-01..2024-06-30`. */
  readonly a: string;
  readonly b: string;
  readonly by: string | null;
  readonly unit?: FunnelUnit;
  readonly basis?: ReportBasis;
  readonly at: Date;
}

/** Every funnel figure of two periods side by side, with absolute and relative change. */
export async function compareReport(store: ReportStore, model: FunnelModel, request: CompareRequest): Promise<CompareReport> {
  const pa = parsePeriod(request.a, 'a');
  const pb = parsePeriod(request.b, 'b');
  const common = { by: request.by, unit: request.unit, basis: request.basis, at: request.at };
  const [a, b] = await Promise.all([
    funnelReport(store, model, { ...common, from: pa.from, to: pa.to }),
    funnelReport(store, model, { ...common, from: pb.from, to: pb.to }),
  ]);
  return { a: { period: pa.label, ...a }, b: { period: pb.label, ...b }, change: funnelChange(a, b) };
}
