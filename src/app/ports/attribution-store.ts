import type { ActivityType } from '../../domain/activity-type.js';
import type { AttributionKey } from '../../domain/attribute-opportunity.js';
import type { AttributionData } from '../../domain/build-journeys.js';
import type { Period } from '../../domain/period.js';
import type { SourcingConfig } from '../../domain/sourcing-config.js';
import type { MainStageId } from '../../domain/stage.js';
import type { StageTouchCounts } from '../../domain/stage-influence.js';

export type { StageTouchCounts };

/** Deals created or won in the period, with their people's touch activities. */
export interface AttributionQuery extends Period {
  readonly touchTypes: readonly ActivityType[];
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
