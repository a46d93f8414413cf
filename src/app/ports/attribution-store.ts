import type { ActivityType } from '../../domain/activity-type.js';
import type { AttributionKey } from '../../domain/attribute-opportunity.js';
import type { AttributionData } from '../../domain/build-journeys.js';
import type { AttributionBasis } from '../../domain/credit-by-key.js';
import type { Period } from '../../domain/period.js';
import type { SourcingConfig } from '../../domain/sourcing-config.js';
import type { MainStageId } from '../../domain/stage.js';
import type { StageTouchCounts } from '../../domain/stage-influence.js';

export type { StageTouchCounts };

/** Deals of the period (by the basis), with their people's touch activities. */
export interface AttributionQuery extends Period {
  readonly touchTypes: readonly ActivityType[];
  readonly basis: AttributionBasis;
  /** The replay whose journeys say when a deal's person entered the funnel (its cohort). */
  readonly modelVersion: string;
}

/** People who reached stages in the period, and which keys touched them in the window before. */
export interface StageTouchQuery extends Period {
  readonly modelVersion: string;
  readonly stages: readonly MainStageId[];
  /** Days before the move a touch counts; null: any time before. */
  readonly windowDays: number | null;
  readonly by: AttributionKey;
  readonly config: SourcingConfig;
}

/** What attribution reads from the store. */
export interface AttributionStore {
  attributionData(query: AttributionQuery): Promise<AttributionData>;
  stageTouches(query: StageTouchQuery): Promise<StageTouchCounts[]>;
}
