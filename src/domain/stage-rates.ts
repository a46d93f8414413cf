import type { FunnelModel } from './funnel-model.js';
import { stageDefinition } from './funnel-model.js';
import type { FunnelFigures } from './funnel-report.js';
import { MAIN_STAGES } from './stage.js';
import type { MainStageId } from './stage.js';

/** The figures of one main stage (zeros when absent). */
export function reachedAt(f: FunnelFigures, stage: MainStageId): number {
  return f.stages.find((s) => s.id === stage)?.reached ?? 0;
}

/** The transition label a person reads: `mql→sal`. */
export function transitionLabel(from: MainStageId, to: MainStageId): string {
  return `${from}→${to}`;
}

/** The next main stage, or null after won. */
export function nextStage(stage: MainStageId): MainStageId | null {
  return MAIN_STAGES[MAIN_STAGES.indexOf(stage) + 1] ?? null;
}

/** The main stage before, or null for the top. */
export function previousStage(stage: MainStageId): MainStageId | null {
  const i = MAIN_STAGES.indexOf(stage);
  return i > 0 ? MAIN_STAGES[i - 1]! : null;
}

/**
 * The share of units at a stage that went on to be won: observed in the figures given, else in the
 * history, else the product of the model's targets from that stage on (0 when nothing is known).
 */
export function rateToWon(model: FunnelModel, stage: MainStageId, ...sources: readonly FunnelFigures[]): number {
  for (const f of sources) {
    const at = reachedAt(f, stage);
    if (at > 0) return reachedAt(f, 'won') / at;
  }
  let rate = 1;
  for (let s: MainStageId | null = stage; s !== null && s !== 'won'; s = nextStage(s)) {
    const target = stageDefinition(model, s).targetConversion;
    if (target === null) return 0;
    rate *= target;
  }
  return rate;
}
