import { attemptChannel, optedOutChannels, POLICY_CHANNELS } from './contact-policy.js';
import type { ContactPolicy, PolicyChannel } from './contact-policy.js';
import type { Activity, Person } from './entities.js';
import { addDays } from './work-calendar.js';

/**
 * Where a policy run stands at a time:
 * - awaiting-first-touch: handed over, not touched yet, first-touch SLA not passed;
 * - in-cadence: touched, the next required attempt not yet late (or all made, span running);
 * - overdue: the first touch or the next attempt is past its due time;
 * - connected: the person answered (a connection) before the policy ran out;
 * - exhausted: every required attempt made over the minimum span, no connection → unreachable;
 * - ended: the person left the start stage another way (qualified, disqualified, set by hand).
 */
export const POLICY_STATUSES = ['awaiting-first-touch', 'in-cadence', 'overdue', 'connected', 'exhausted', 'ended'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/** The next required attempt: the k-th on its channel, due by a time. */
export interface PolicyStep {
  readonly channel: PolicyChannel;
  /** 1-based: the k-th attempt on this channel. */
  readonly attempt: number;
  readonly dueAt: string;
}

export interface PolicyRunState {
  readonly policyVersion: string;
  readonly status: PolicyStatus;
  readonly startedAt: string;
  /** When the person left the start stage, if they did (by this run's outcome or otherwise). */
  readonly endedAt: string | null;
  readonly firstTouchDueAt: string | null;
  readonly firstTouchAt: string | null;
  /** The first touch came late, or has not come and is late. */
  readonly slaBreached: boolean;
  readonly attempts: Readonly<Record<PolicyChannel, number>>;
  readonly required: Readonly<Record<PolicyChannel, number>>;
  /** Required attempts made (k of n). */
  readonly made: number;
  readonly requiredTotal: number;
  readonly nextStep: PolicyStep | null;
  /** Due time of what is late, when overdue. */
  readonly overdueSince: string | null;
  readonly connectedAt: string | null;
  /** When the run is (or will be, once the span has passed) exhausted; null while attempts are missing. */
  readonly exhaustedAt: string | null;
  readonly optedOut: readonly PolicyChannel[];
  /** Attempts made on a channel the person opted out of. */
  readonly optOutBreaches: number;
}

function isConnection(policy: ContactPolicy, a: Activity): boolean {
  return policy.connected.includes(a.type) || policy.channels.some((r) => r.connected.includes(a.type));
}

/** The activities by time: as given when they already are (as a store reads them), else a sorted copy. */
function inTimeOrder(activities: readonly Activity[]): readonly Activity[] {
  for (let i = 1; i < activities.length; i++) {
    if (activities[i - 1]!.occurredAt > activities[i]!.occurredAt) {
      return [...activities].sort((x, y) => (x.occurredAt < y.occurredAt ? -1 : x.occurredAt > y.occurredAt ? 1 : 0));
    }
  }
  return activities;
}

function zero(): Record<PolicyChannel, number> {
  return Object.fromEntries(POLICY_CHANNELS.map((c) => [c, 0])) as Record<PolicyChannel, number>;
}

/**
 * Evaluates one policy run: the person entered the start stage at `startedAt` and left it at
 * `endedAt` (null if still there). Counts only activities in the run up to `at`. Pure.
 * Opt-outs change what is required (an opted-out channel needs no attempt), never break the
 * policy: with every channel opted out the run is exhausted once the minimum span has passed.
 */
export function evaluatePolicyRun(
  policy: ContactPolicy,
  person: Pick<Person, 'doNotCall' | 'doNotEmail'>,
  activities: readonly Activity[],
  startedAt: string,
  endedAt: string | null,
  at: string,
): PolicyRunState {
  const optedOut = optedOutChannels(person);
  const required = zero();
  for (const rule of policy.channels) if (!optedOut.includes(rule.channel)) required[rule.channel] = rule.attempts;
  const attempts = zero();
  const requiredDoneAt: Partial<Record<PolicyChannel, string>> = {};
  let firstTouchAt: string | null = null;
  let connectedAt: string | null = null;
  let optOutBreaches = 0;
  const until = endedAt !== null && endedAt < at ? endedAt : at;

  for (const a of inTimeOrder(activities)) {
    if (a.occurredAt < startedAt || a.occurredAt > until) continue;
    const channel = attemptChannel(policy, a);
    if (channel !== null) {
      if (optedOut.includes(channel)) optOutBreaches++;
      else {
        attempts[channel]++;
        if (attempts[channel] === required[channel]) requiredDoneAt[channel] = a.occurredAt;
      }
      firstTouchAt ??= a.occurredAt;
    }
    if (connectedAt === null && isConnection(policy, a)) {
      connectedAt = a.occurredAt;
      firstTouchAt ??= a.occurredAt;
    }
  }

  const requiredTotal = POLICY_CHANNELS.reduce((n, c) => n + required[c], 0);
  const made = POLICY_CHANNELS.reduce((n, c) => n + Math.min(attempts[c], required[c]), 0);
  const firstTouchDueAt = requiredTotal > 0 ? policy.calendar.addHours(startedAt, policy.firstTouchHours) : null;
  let exhaustedAt: string | null = null;
  if (POLICY_CHANNELS.every((c) => required[c] === 0 || requiredDoneAt[c] !== undefined)) {
    exhaustedAt = addDays(startedAt, policy.minimumSpanDays);
    for (const c of POLICY_CHANNELS) {
      const done = requiredDoneAt[c];
      if (done !== undefined && done > exhaustedAt) exhaustedAt = done;
    }
  }
  const slaBreached = firstTouchDueAt !== null && (firstTouchAt !== null ? firstTouchAt > firstTouchDueAt : at > firstTouchDueAt);
  const base = {
    policyVersion: policy.version,
    startedAt,
    endedAt,
    firstTouchDueAt,
    firstTouchAt,
    slaBreached,
    attempts,
    required,
    made,
    requiredTotal,
    connectedAt,
    exhaustedAt,
    optedOut,
    optOutBreaches,
  };
  if (connectedAt !== null && (exhaustedAt === null || connectedAt <= exhaustedAt)) {
    return { ...base, status: 'connected', nextStep: null, overdueSince: null };
  }
  // The run's own outcome ends the stay in the start stage at the same instant, so "<=" here.
  if (exhaustedAt !== null && exhaustedAt <= at && (endedAt === null || exhaustedAt <= endedAt)) {
    return { ...base, status: 'exhausted', nextStep: null, overdueSince: null };
  }
  if (endedAt !== null && endedAt <= at) return { ...base, status: 'ended', nextStep: null, overdueSince: null };

  const nextStep = nextRequiredStep(policy, startedAt, firstTouchDueAt, attempts, required);
  if (firstTouchAt === null && firstTouchDueAt !== null) {
    const late = at > firstTouchDueAt;
    return { ...base, status: late ? 'overdue' : 'awaiting-first-touch', nextStep, overdueSince: late ? firstTouchDueAt : null };
  }
  const late = nextStep !== null && at > nextStep.dueAt;
  return { ...base, status: late ? 'overdue' : 'in-cadence', nextStep, overdueSince: late ? nextStep.dueAt : null };
}

/** The earliest-due planned attempt not made yet (the k-th step of a channel is made once k attempts are). */
function nextRequiredStep(
  policy: ContactPolicy,
  startedAt: string,
  firstTouchDueAt: string | null,
  attempts: Record<PolicyChannel, number>,
  required: Record<PolicyChannel, number>,
): PolicyStep | null {
  const seen = zero();
  let best: PolicyStep | null = null;
  for (const step of policy.cadence) {
    if (required[step.channel] === 0) continue;
    const k = ++seen[step.channel];
    if (k > required[step.channel] || attempts[step.channel] >= k) continue;
    const dueAt = step.day === 0 && firstTouchDueAt !== null ? firstTouchDueAt : addDays(startedAt, step.day);
    if (best === null || dueAt < best.dueAt) best = { channel: step.channel, attempt: k, dueAt };
  }
  return best;
}
