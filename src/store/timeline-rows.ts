import type { Timeline } from '../domain/lifecycle.js';
import { MAIN_STAGES } from '../domain/stage.js';

/** Columns of each replay table; `model_version`, the same in every row of a write, comes first and is not repeated per row. */
export const TRANSITION_COLUMNS = ['model_version', 'person_id', 'seq', 'from_stage', 'to_stage', 'at', 'reason', 'actor', 'activity_id'] as const;
export const SPAN_COLUMNS = ['model_version', 'person_id', 'seq', 'stage', 'entered_at', 'exited_at', 'next_stage'] as const;
export const JOURNEY_COLUMNS = [
  'model_version',
  'person_id',
  'entered_at',
  'current_stage',
  'current_since',
  ...MAIN_STAGES.flatMap((s) => [`reached_${s}`, `at_${s}`, `days_${s}`]),
] as const;

/**
 * A page of timelines as the replay tables' rows: each table's values in one flat array, row
 * after row, without `model_version`. Only numbers, strings and nulls, in a few arrays: cheap to
 * build in a worker thread and to pass to the writer (no object per row to copy).
 */
export interface TimelineRows {
  /** Every person of the page, with or without transitions (their queue entries go). */
  readonly personIds: string[];
  readonly transitionCount: number;
  readonly transitions: unknown[];
  readonly spans: unknown[];
  readonly journeys: unknown[];
}

export function timelineRows(timelines: readonly Timeline[]): TimelineRows {
  const personIds: string[] = [];
  const transitions: unknown[] = [];
  const spans: unknown[] = [];
  const journeys: unknown[] = [];
  let transitionCount = 0;
  for (const t of timelines) {
    personIds.push(t.journey.personId);
    for (const x of t.transitions) transitions.push(x.personId, x.seq, x.fromStage, x.toStage, x.at, x.reason, x.actor, x.activityId);
    transitionCount += t.transitions.length;
    for (let seq = 0; seq < t.spans.length; seq++) {
      const s = t.spans[seq]!;
      spans.push(s.personId, seq, s.stage, s.enteredAt, s.exitedAt, s.nextStage);
    }
    // A person with no transition never entered the funnel: no journey row.
    if (t.transitions.length === 0) continue;
    const j = t.journey;
    journeys.push(j.personId, j.enteredAt, j.currentStage, j.currentSince);
    for (const s of MAIN_STAGES) {
      const reached = j.reached[s];
      journeys.push(reached ? 1 : 0, reached?.at ?? null, j.daysToNext[s] ?? null);
    }
  }
  return { personIds, transitionCount, transitions, spans, journeys };
}
