import { attemptCurve } from '../domain/attempt-curve.js';
import type { AttemptCurve, AttemptRecommendation, AttemptRow, CurvePoint } from '../domain/attempt-curve.js';
import { attemptHistory } from '../domain/attempt-history.js';
import type { AttemptHistory } from '../domain/attempt-curve.js';
import type { ContactPolicy, PolicyChannel } from '../domain/contact-policy.js';
import type { FollowUpStore } from './ports/follow-up-store.js';

export interface AttemptReportRequest {
  /** A person attribute with the number of attempts, for data without attempt activities (e.g. `campaign`). */
  readonly attemptsField: string | null;
  /** Chance (0..1) below which another attempt is not worth it. */
  readonly threshold: number;
  /** Later attempts with fewer people at risk are too few to judge. */
  readonly minAtRisk: number;
}

export interface ChannelCurve {
  readonly basis: 'connection' | 'win';
  readonly people: number;
  readonly curve: readonly CurvePoint[];
  readonly recommendation: AttemptRecommendation;
}

/** `tandem report attempts`: the attempt curve on every channel together, then per channel. */
export interface AttemptReport {
  readonly policyVersion: string;
  readonly attemptsField: string | null;
  readonly basis: 'connection' | 'win';
  readonly people: number;
  readonly byAttempts: readonly AttemptRow[];
  readonly curve: readonly CurvePoint[];
  readonly recommendation: AttemptRecommendation;
  readonly channels: Readonly<Partial<Record<PolicyChannel, ChannelCurve>>>;
}

const PAGE = 5000;

/** Reads every person's attempts (no replay needed) and builds the curves. */
export async function attemptReport(store: FollowUpStore, policy: ContactPolicy, request: AttemptReportRequest): Promise<AttemptReport> {
  const all: AttemptHistory[] = [];
  const perChannel = new Map<PolicyChannel, AttemptHistory[]>(policy.channels.map((c) => [c.channel, []]));
  let after: string | null = null;
  for (;;) {
    const page = await store.pagePeople(after, PAGE);
    if (page.length === 0) break;
    for (const p of page) {
      all.push(attemptHistory(policy, p.person, p.activities, p.opportunities, 'all', request.attemptsField));
      for (const [channel, list] of perChannel) list.push(attemptHistory(policy, p.person, p.activities, p.opportunities, channel, null));
    }
    after = page[page.length - 1]!.personId;
  }
  const options = { threshold: request.threshold, minAtRisk: request.minAtRisk };
  const overall: AttemptCurve = attemptCurve(all, options);
  const channels: Partial<Record<PolicyChannel, ChannelCurve>> = {};
  for (const [channel, list] of perChannel) {
    const c = attemptCurve(list, options);
    if (c.people > 0) channels[channel] = { basis: c.basis, people: c.people, curve: c.curve, recommendation: c.recommendation };
  }
  return {
    policyVersion: policy.version,
    attemptsField: request.attemptsField,
    basis: overall.basis,
    people: overall.people,
    byAttempts: overall.byAttempts,
    curve: overall.curve,
    recommendation: overall.recommendation,
    channels,
  };
}
