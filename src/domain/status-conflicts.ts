import type { Activity } from './entities.js';
import { pickCandidate } from './precedence.js';
import type { Candidate, PrecedencePolicy } from './precedence.js';
import type { StageId } from './stage.js';

/** The activities through which a system states a person's stage: its status field and its own deals. */
export const STATUS_ACTIVITY_TYPES: readonly string[] = ['stage_change', 'opportunity_created', 'opportunity_won', 'opportunity_lost'];

/**
 * Where a stage leaves a person, for telling a contradiction from a lag. A system that still
 * shows the person open has only not caught up with the other closing them out or parking
 * them (sales rejected an MQL; marketing still shows the MQL). A customer in one system and an
 * open lead in the other, or two different ends (disqualified in one, in nurture in the other;
 * a customer in one, lost in the other), contradict: a win is the one outcome every system must agree on.
 */
export type StageClass = 'open' | 'customer' | 'closed' | 'parked';

export function stageClass(stage: StageId): StageClass {
  switch (stage) {
    case 'inquiry':
    case 'mql':
    case 'sal':
    case 'sql':
    case 'opportunity':
      return 'open';
    case 'won':
      return 'customer';
    case 'lost':
    case 'disqualified':
      return 'closed';
    case 'nurture':
    case 'unreachable':
    case 'recycled':
      return 'parked';
    default: {
      const never: never = stage;
      throw new Error(`unknown stage ${String(never)}`);
    }
  }
}

/** One system's view of a person: the stage its own status activities put them in. */
export interface SystemView {
  readonly source: string;
  readonly stage: StageId;
  /** When the system last stated a status for the person. */
  readonly at: string;
  readonly hasDeals: boolean;
}

export interface StatusConflict {
  /** `opportunityStage` when every system's view includes its own deals, else `stage`. */
  readonly field: 'stage' | 'opportunityStage';
  readonly views: readonly SystemView[];
  /** The system whose view Tandem uses. */
  readonly winner: string;
  /** Systems whose status activities replay sets aside for this person. */
  readonly losers: readonly string[];
}

/** How the engine reads a stage from some activities (injected: this file must not import the engine). */
export type CurrentStageOf = (activities: readonly Activity[]) => StageId | null;

function isStatus(a: Activity): boolean {
  return STATUS_ACTIVITY_TYPES.includes(a.type);
}

/** Each system's view of the person, from its own status activities, in source order. */
export function systemViews(activities: readonly Activity[], currentStageOf: CurrentStageOf): SystemView[] {
  const bySource = new Map<string, Activity[]>();
  for (const a of activities) if (isStatus(a)) bySource.set(a.source, [...(bySource.get(a.source) ?? []), a]);
  const views: SystemView[] = [];
  for (const [source, acts] of [...bySource].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const stage = currentStageOf(acts);
    if (stage === null) continue;
    const at = acts.reduce((m, a) => (a.occurredAt > m ? a.occurredAt : m), acts[0]!.occurredAt);
    views.push({ source, stage, at, hasDeals: acts.some((a) => a.type !== 'stage_change') });
  }
  return views;
}

/** Whether two systems' stages for one person contradict each other (rather than one lagging the other). */
export function contradicts(a: StageId, b: StageId): boolean {
  const ca = stageClass(a);
  const cb = stageClass(b);
  if (ca === cb) return false;
  const lags = (open: StageClass, other: StageClass): boolean => open === 'open' && (other === 'closed' || other === 'parked');
  return !lags(ca, cb) && !lags(cb, ca);
}

/** The contradiction among systems' views and how precedence settles it; null when they agree or only lag. */
export function statusConflict(policy: PrecedencePolicy, views: readonly SystemView[]): StatusConflict | null {
  if (!views.some((a) => views.some((b) => contradicts(a.stage, b.stage)))) return null;
  const field = views.every((v) => v.hasDeals) ? 'opportunityStage' : 'stage';
  const candidates = views.map((v): Candidate<StageId> & { view: SystemView } => ({ source: v.source, value: v.stage, asOf: v.at, order: v.source, view: v }));
  const winner = pickCandidate(policy, field, candidates)!.view;
  const losers = views.filter((v) => contradicts(v.stage, winner.stage)).map((v) => v.source);
  return { field, views, winner: winner.source, losers };
}

/**
 * The activities replay uses: when systems contradict each other on a person's stage, the
 * losing systems' status activities are set aside (their other activities stay), so the
 * winner's view decides. Persons known to one system only pass through unchanged.
 */
export function applyStatusPrecedence(
  policy: PrecedencePolicy,
  activities: readonly Activity[],
  currentStageOf: CurrentStageOf,
): { activities: readonly Activity[]; conflict: StatusConflict | null } {
  let first: string | null = null;
  let several = false;
  for (const a of activities) {
    if (!isStatus(a)) continue;
    if (first === null) first = a.source;
    else if (a.source !== first) {
      several = true;
      break;
    }
  }
  if (!several) return { activities, conflict: null };
  const conflict = statusConflict(policy, systemViews(activities, currentStageOf));
  if (!conflict) return { activities, conflict: null };
  const losers = new Set(conflict.losers);
  return { activities: activities.filter((a) => !(losers.has(a.source) && isStatus(a))), conflict };
}
