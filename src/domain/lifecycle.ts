import { ACTIVITY_TYPES } from './activity-type.js';
import type { Activity } from './entities.js';
import type { EntryTrigger, FunnelModel } from './funnel-model.js';
import { MAIN_STAGES, mainIndex } from './stage.js';
import type { MainStageId, StageId } from './stage.js';
import { DEFAULT_PRECEDENCE } from './precedence.js';
import { applyStatusPrecedence } from './status-conflicts.js';
import type { CurrentStageOf, StatusConflict } from './status-conflicts.js';

/** A person moving from one stage to another, with why, who and under which model. */
export interface Transition {
  readonly personId: string;
  readonly seq: number;
  readonly fromStage: StageId | null;
  readonly toStage: StageId;
  readonly at: string;
  /** e.g. `rule:sal.entry[0]` or `manual:crm` (a stage set by hand in a source system). */
  readonly reason: string;
  readonly actor: string | null;
  readonly activityId: string | null;
  readonly modelVersion: string;
}

/** A person's stay in one stage. */
export interface Span {
  readonly personId: string;
  readonly stage: StageId;
  readonly enteredAt: string;
  readonly exitedAt: string | null;
  readonly nextStage: StageId | null;
}

/** Per main stage: reached or not, and when (null when passed by a skip: time unknown). */
export type Reached = Readonly<Partial<Record<MainStageId, { readonly at: string | null }>>>;

/** The per-person read model the funnel is one scan of. */
export interface Journey {
  readonly personId: string;
  readonly modelVersion: string;
  readonly enteredAt: string | null;
  readonly currentStage: StageId | null;
  readonly currentSince: string | null;
  readonly reached: Reached;
  /** Days from reaching each main stage to reaching the next one, where both times are known. */
  readonly daysToNext: Readonly<Partial<Record<MainStageId, number>>>;
}

export interface Timeline {
  readonly transitions: readonly Transition[];
  readonly spans: readonly Span[];
  readonly journey: Journey;
}

/** A stage entry caused by something other than an activity (e.g. a qualification score crossing). */
export interface StageSignal {
  readonly at: string;
  readonly stage: StageId;
  readonly reason: string;
}

interface Event {
  readonly at: string;
  readonly order: number;
  readonly key: string;
  readonly targets: readonly { stage: StageId; reason: string }[];
  readonly actor: string | null;
  readonly activityId: string | null;
}

const typeOrder = new Map<string, number>(ACTIVITY_TYPES.map((t, i) => [t, i]));

function triggerMatches(trigger: EntryTrigger, stage: StageId, activity: Activity): boolean {
  if (trigger.activity !== activity.type) return false;
  if (activity.type !== 'stage_change') return true;
  return activity.stage === (trigger.stage ?? stage);
}

function reasonFor(activity: Activity, stage: StageId, index: number): string {
  return activity.type === 'stage_change' ? `manual:${activity.source}` : `rule:${stage}.entry[${index}]`;
}

type Targets = Event['targets'];

/**
 * The stages an activity enters depend only on its type (and, for a stage change, the stage set
 * and the source, which names the reason): computed once per model's stages and such kind of
 * activity, not per activity. Keyed by the stages array, which every copy of a model shares.
 */
const targetsByStages = new WeakMap<FunnelModel['stages'], Map<string, Targets>>();

function targetsOf(model: FunnelModel, activity: Activity): Targets {
  let cache = targetsByStages.get(model.stages);
  if (!cache) targetsByStages.set(model.stages, (cache = new Map()));
  const kind = activity.type === 'stage_change' ? `stage_change\u0000${activity.stage}\u0000${activity.source}` : activity.type;
  let targets = cache.get(kind);
  if (targets === undefined) {
    const found: { stage: StageId; reason: string }[] = [];
    for (const stage of model.stages) {
      const index = stage.entry.findIndex((t) => triggerMatches(t, stage.id, activity));
      if (index >= 0) found.push(Object.freeze({ stage: stage.id, reason: reasonFor(activity, stage.id, index) }));
    }
    targets = Object.freeze(found);
    cache.set(kind, targets);
  }
  return targets;
}

function toEvents(model: FunnelModel, activities: readonly Activity[], signals: readonly StageSignal[]): Event[] {
  const events: Event[] = [];
  for (const activity of activities) {
    const targets = targetsOf(model, activity);
    if (targets.length === 0) continue;
    events.push({
      at: activity.occurredAt,
      order: typeOrder.get(activity.type) ?? 0,
      key: `${activity.source}\u0000${activity.externalId}`,
      targets,
      actor: activity.actor,
      activityId: activity.id,
    });
  }
  for (const signal of signals) {
    events.push({
      at: signal.at,
      order: ACTIVITY_TYPES.length,
      key: signal.reason,
      targets: [{ stage: signal.stage, reason: signal.reason }],
      actor: null,
      activityId: null,
    });
  }
  // Deterministic order: time, then the natural order of activity types, then identity.
  return events.sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/** Of several stages one event enters, the furthest main stage wins; a side stage only if no main one. */
function pickTarget(targets: Event['targets']): { stage: StageId; reason: string } {
  let best = targets[0]!;
  for (const t of targets) {
    const bi = mainIndex(best.stage);
    const ti = mainIndex(t.stage);
    if (ti > bi) best = t;
  }
  return best;
}

/**
 * The lifecycle engine: replays one person's activities through the funnel model.
 * Pure and deterministic: the same model, activities and signals always give the same timeline.
 * Reaching a later main stage counts as passing every earlier one (their times unknown),
 * as HubSpot and Marketo count. Where the systems contradict each other on the person's stage,
 * the funnel model's source precedence decides whose status activities count (status-conflicts.ts).
 */
export function replayPerson(
  model: FunnelModel,
  personId: string,
  activities: readonly Activity[],
  signals: readonly StageSignal[] = [],
): Timeline {
  const used = applyStatusPrecedence(model.precedence ?? DEFAULT_PRECEDENCE, activities, stageReader(model)).activities;
  return replayAsGiven(model, personId, used, signals);
}

/** The contradiction between systems on this person's stage that replay settles (null when they agree or only lag). */
export function statusConflictOf(model: FunnelModel, activities: readonly Activity[]): StatusConflict | null {
  return applyStatusPrecedence(model.precedence ?? DEFAULT_PRECEDENCE, activities, stageReader(model)).conflict;
}

/** One system's own reading of the person: the engine run on that system's status activities alone. */
function stageReader(model: FunnelModel): CurrentStageOf {
  return (activities) => replayAsGiven(model, '', activities).journey.currentStage;
}

function replayAsGiven(
  model: FunnelModel,
  personId: string,
  activities: readonly Activity[],
  signals: readonly StageSignal[] = [],
): Timeline {
  const transitions: Transition[] = [];
  const reached: Partial<Record<MainStageId, { at: string | null }>> = {};
  let current: StageId | null = null;
  let maxMain = -1;

  for (const event of toEvents(model, activities, signals)) {
    const target = pickTarget(event.targets);
    const idx = mainIndex(target.stage);
    let move: boolean;
    if (idx >= 0) {
      const currentIdx = current === null ? -1 : mainIndex(current);
      // From a side stage any main stage is a move back into the funnel (e.g. recycled → sal).
      move = current === null || currentIdx < 0 || idx > currentIdx;
      if (move) {
        for (let i = maxMain + 1; i < idx; i++) reached[MAIN_STAGES[i]!] ??= { at: null };
        reached[MAIN_STAGES[idx]!] ??= { at: event.at };
        maxMain = Math.max(maxMain, idx);
      }
    } else {
      move = current !== target.stage;
    }
    if (!move) continue;
    transitions.push({
      personId,
      seq: transitions.length,
      fromStage: current,
      toStage: target.stage,
      at: event.at,
      reason: target.reason,
      actor: event.actor,
      activityId: event.activityId,
      modelVersion: model.version,
    });
    current = target.stage;
  }

  const spans: Span[] = transitions.map((t, i) => {
    const next = transitions[i + 1];
    return { personId, stage: t.toStage, enteredAt: t.at, exitedAt: next?.at ?? null, nextStage: next?.toStage ?? null };
  });
  const last = transitions[transitions.length - 1];
  return {
    transitions,
    spans,
    journey: {
      personId,
      modelVersion: model.version,
      enteredAt: transitions[0]?.at ?? null,
      currentStage: last?.toStage ?? null,
      currentSince: last?.at ?? null,
      reached,
      daysToNext: daysToNext(reached),
    },
  };
}


const DAY_MS = 86_400_000;

function daysToNext(reached: Reached): Partial<Record<MainStageId, number>> {
  const out: Partial<Record<MainStageId, number>> = {};
  for (let i = 0; i + 1 < MAIN_STAGES.length; i++) {
    const from = reached[MAIN_STAGES[i]!]?.at;
    const to = reached[MAIN_STAGES[i + 1]!]?.at;
    if (from && to) out[MAIN_STAGES[i]!] = (Date.parse(to) - Date.parse(from)) / DAY_MS;
  }
  return out;
}
