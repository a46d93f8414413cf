import type { CohortAgeCount, CohortAggregate, CohortGrain } from '../../domain/cohort-report.js';
import type { FunnelAggregate } from '../../domain/funnel-report.js';
import type { MainStageId, StageId } from '../../domain/stage.js';
import type { SlaTally } from '../../domain/scorecard.js';
import type { FunnelUnit } from '../../domain/funnel-unit.js';
import type { ReportBasis } from '../../domain/report-basis.js';

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
  /**
   * cohort (default): units that entered the funnel in the period, and how far they got by now;
   * flow: per stage, units that passed it within the period (deals: closed within it).
   */
  readonly basis?: ReportBasis;
  /** Per main stage, the time before which someone still in it is past its SLA. */
  readonly slaCutoffs: Readonly<Partial<Record<MainStageId, string>>>;
}

export interface CohortQuery extends CohortFilter {
  readonly grain: CohortGrain;
  /** A field to split every cohort by, or null. */
  readonly split: string | null;
  /** The stage whose cumulative share by age the triangle shows. */
  readonly triangleStage: MainStageId;
}

export interface CohortAggregates {
  readonly cohorts: CohortAggregate[];
  readonly overall: CohortAggregate;
  readonly ages: CohortAgeCount[];
  /** With a split: the same per split value (keys filled). */
  readonly groupCohorts: CohortAggregate[];
  readonly groupAges: CohortAgeCount[];
  readonly observedUntil: string | null;
}

export interface StageLoadQuery extends CohortFilter {
  /** The stages (Y) whose owners' load to measure; the demand is the units passing the stage before. */
  readonly stages: readonly MainStageId[];
}

export interface StageLoadRow {
  readonly stage: MainStageId;
  readonly arrivals: number;
  readonly owners: number;
  readonly firstArrival: string | null;
  readonly lastArrival: string | null;
  /** 90th percentile of weekly exits from the stage before, over all history (people, from spans). */
  readonly observedWeeklyCapacity: number | null;
}

export interface SlaQuery extends CohortFilter {
  /** Stages with an SLA and its length in hours. */
  readonly slaHours: Readonly<Partial<Record<StageId, number>>>;
  /** "Now": stays still running are measured up to it. */
  readonly atIso: string;
  readonly byOwner: boolean;
}

export interface ReportStore {
  funnelAggregates(query: FunnelQuery): Promise<{ overall: FunnelAggregate; groups: FunnelAggregate[] }>;
  cohortAggregates(query: CohortQuery): Promise<CohortAggregates>;
  stageLoads(query: StageLoadQuery): Promise<StageLoadRow[]>;
  slaCompliance(query: SlaQuery): Promise<SlaTally[]>;
  /** Median days from passing each main stage to passing the next (skips count as passed with the later stage). */
  stageLags(query: CohortFilter): Promise<Partial<Record<MainStageId, number>>>;
}
