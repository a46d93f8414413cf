import type { ActivityType } from './activity-type.js';
import type { SourcingConfig } from './sourcing-config.js';
import type { PrecedencePolicy } from './precedence.js';
import type { MainStageId, StageId, StageKind, Team } from './stage.js';

export type Raci = 'R' | 'A' | 'C' | 'I' | 'RA';

/** What one team does at a stage (a short RACI plus the tasks in words). */
export interface Responsibility {
  readonly raci: Raci;
  readonly tasks: readonly string[];
}

/**
 * An entry trigger: the stage is entered when an activity of this type happens
 * (for stage_change, only when it sets this stage).
 */
export interface EntryTrigger {
  readonly activity: ActivityType;
  /** For stage_change: which stage value must be set; defaults to the stage itself. */
  readonly stage?: StageId;
}

export interface StageDefinition {
  readonly id: StageId;
  readonly label: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly kind: StageKind;
  readonly owner: Team;
  readonly responsibilities: Readonly<Partial<Record<Team, Responsibility>>>;
  readonly entry: readonly EntryTrigger[];
  /** Maximum time in the stage, in hours. */
  readonly slaHours: number | null;
  /** Target conversion to the next main stage, 0..1. */
  readonly targetConversion: number | null;
  /** People one owner can work per week at this stage (capacity), if known. */
  readonly capacityPerOwnerWeek: number | null;
}

/** The funnel both teams agreed on. Versioned by the hash of its content. */
export interface FunnelModel {
  readonly id: string;
  readonly version: string;
  readonly currency: string;
  readonly stages: readonly StageDefinition[];
  /** Attribution settings (who sourced a deal, what a touch is); absent means the defaults. */
  readonly sourcing?: SourcingConfig;
  /** Which system wins each field when both supply it; DEFAULT_PRECEDENCE when absent. */
  readonly precedence?: PrecedencePolicy;
}

export function stageDefinition(model: FunnelModel, id: StageId): StageDefinition {
  const found = model.stages.find((s) => s.id === id);
  if (!found) throw new Error(`funnel model ${model.id} has no stage ${id}`);
  return found;
}

export function nextMainStage(id: MainStageId, order: readonly MainStageId[]): MainStageId | null {
  const i = order.indexOf(id);
  return i >= 0 && i + 1 < order.length ? (order[i + 1] ?? null) : null;
}
