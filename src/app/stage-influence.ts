import type { AttributionKey } from '../domain/attribute-opportunity.js';
import { TandemError } from '../domain/errors.js';
import type { FunnelModel } from '../domain/funnel-model.js';
import { DEFAULT_SOURCING } from '../domain/sourcing-config.js';
import { influenceReport } from '../domain/stage-influence.js';
import type { InfluenceReport } from '../domain/stage-influence.js';
import { MAIN_STAGES } from '../domain/stage.js';
import type { AttributionStore } from './ports/attribution-store.js';
import { periodBounds } from './period.js';

export interface InfluenceRequest {
  readonly by: AttributionKey;
  /** Inclusive dates (YYYY-MM-DD) of the moves. */
  readonly from: string | null;
  readonly to: string | null;
  /** Days before a move a touch counts (default: the funnel model's sourcing.influenceWindowDays). */
  readonly windowDays?: number | null;
}

/** For each funnel transition, which keys touched the people who made it in the window before. */
export async function stageInfluence(store: AttributionStore, funnel: FunnelModel, request: InfluenceRequest): Promise<InfluenceReport> {
  const config = funnel.sourcing ?? DEFAULT_SOURCING;
  const windowDays = request.windowDays ?? config.influenceWindowDays;
  if (!(windowDays > 0)) throw new TandemError('BAD_INPUT', `--window must be a positive number of days, not ${windowDays}`, { place: { field: 'window' } });
  const period = periodBounds(request.from, request.to);
  const counts = await store.stageTouches({ ...period, modelVersion: funnel.version, stages: MAIN_STAGES, windowDays, by: request.by, config });
  return influenceReport(funnel, counts, { by: request.by, from: request.from, to: request.to, windowDays });
}
