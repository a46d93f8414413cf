import type { AttributionKey } from './attribute-opportunity.js';
import type { FunnelModel } from './funnel-model.js';
import { stageDefinition } from './funnel-model.js';
import type { Period } from './period.js';
import { inPeriod } from './period.js';
import { MAIN_STAGES } from './stage.js';
import type { MainStageId, Team } from './stage.js';
import { NO_VALUE } from './touch.js';
import type { Touch } from './touch.js';

/** For one stage: who reached it in the period, and per key how many were touched in the window before. */
export interface StageTouchCounts {
  readonly stage: MainStageId;
  readonly moved: number;
  readonly touched: readonly { readonly key: string; readonly people: number }[];
}

export interface InfluenceRow {
  readonly key: string;
  /** People who made this move touched by the key in the window before it. */
  readonly people: number;
  /** Of everyone who made the move, 0..1. */
  readonly share: number;
}

/** One funnel transition (reaching `to` from the stage before it) and what touched the people who made it. */
export interface TransitionInfluence {
  readonly from: MainStageId | null;
  readonly to: MainStageId;
  /** The team that owns the stage people moved out of (who needed the help). */
  readonly owner: Team;
  readonly moved: number;
  readonly rows: readonly InfluenceRow[];
}

/** `tandem report influence`: what moved the middle of the funnel. */
export interface InfluenceReport {
  readonly by: AttributionKey;
  readonly from: string | null;
  readonly to: string | null;
  readonly windowDays: number;
  readonly transitions: readonly TransitionInfluence[];
}

/** Turns per-stage counts into transitions along the main path, with shares of the people who moved. */
export function influenceReport(
  model: FunnelModel,
  counts: readonly StageTouchCounts[],
  meta: { by: AttributionKey; from: string | null; to: string | null; windowDays: number },
): InfluenceReport {
  const transitions = counts.map((c): TransitionInfluence => {
    const i = MAIN_STAGES.indexOf(c.stage);
    const from = i > 0 ? MAIN_STAGES[i - 1]! : null;
    return {
      from,
      to: c.stage,
      owner: stageDefinition(model, from ?? c.stage).owner,
      moved: c.moved,
      rows: c.touched.map((r) => ({ key: r.key, people: r.people, share: c.moved > 0 ? r.people / c.moved : 0 })),
    };
  });
  return { ...meta, transitions };
}

/** A person reaching a main stage at a time (from their journey). */
export interface StageMove {
  readonly personId: string;
  readonly stage: MainStageId;
  readonly at: string;
}

const DAY_MS = 86_400_000;

/**
 * The same counts as the store's SQL aggregate, computed in TypeScript from moves and touches:
 * the oracle the SQL is checked against, and a way to explain one person.
 */
export function stageTouchCounts(
  moves: readonly StageMove[],
  touches: readonly Touch[],
  stages: readonly MainStageId[],
  by: AttributionKey,
  windowDays: number | null,
  period: Period,
): StageTouchCounts[] {
  const byPerson = new Map<string, Touch[]>();
  for (const t of touches) byPerson.set(t.personId, [...(byPerson.get(t.personId) ?? []), t]);
  return stages.map((stage) => {
    const movers = moves.filter((m) => m.stage === stage && inPeriod(m.at, period));
    const people = new Map<string, Set<string>>();
    for (const m of movers) {
      const lower = windowDays === null ? null : new Date(Date.parse(m.at) - windowDays * DAY_MS).toISOString();
      for (const t of byPerson.get(m.personId) ?? []) {
        if (t.at > m.at || (lower !== null && t.at < lower)) continue;
        const key = by === 'campaign' ? (t.campaign ?? NO_VALUE) : t[by];
        let set = people.get(key);
        if (!set) people.set(key, (set = new Set()));
        set.add(m.personId);
      }
    }
    const touched = [...people]
      .map(([key, set]) => ({ key, people: set.size }))
      .sort((a, b) => b.people - a.people || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { stage, moved: movers.length, touched };
  });
}
