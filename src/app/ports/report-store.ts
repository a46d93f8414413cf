import type { FunnelAggregate } from '../../domain/funnel-report.js';
import type { MainStageId } from '../../domain/stage.js';
import type { FunnelUnit } from '../../domain/funnel-unit.js';

/** Which people a report reads: those who entered the funnel in [fromIso, toIsoExclusive). */
export interface CohortFilter {
  readonly modelVersion: string;
  readonly fromIso: string | null;
  readonly toIsoExclusive: string | null;
  /** What is counted (default: people). */
  readonly unit?: FunnelUnit;
}

export interface FunnelQuery extends CohortFilter {
  /** A person column or attribute name to split by. */
  readonly by: string | null;
  /** Per main stage, the time before which someone still in it is past its SLA. */
  readonly slaCutoffs: Readonly<Partial<Record<MainStageId, string>>>;
}

export interface ReportStore {
  funnelAggregates(query: FunnelQuery): Promise<{ overall: FunnelAggregate; groups: FunnelAggregate[] }>;
}
