import type { ActivityType } from './activity-type.js';
import type { Activity } from './entities.js';
import type { StageId } from './stage.js';
import type { WorkCalendar } from './work-calendar.js';

/** The channels a contact policy requires attempts on. */
export const POLICY_CHANNELS = ['call', 'email'] as const;
export type PolicyChannel = (typeof POLICY_CHANNELS)[number];

/** What one channel requires and which activities count on it. */
export interface ChannelRule {
  readonly channel: PolicyChannel;
  /** Attempts required before the person may be called unreachable. */
  readonly attempts: number;
  /** Activity types that count as an attempt on this channel (e.g. call_attempt, call_connect). */
  readonly count: readonly ActivityType[];
  /** Activity types that count as a connection on this channel (e.g. call_connect, email_reply). */
  readonly connected: readonly ActivityType[];
  /** Only activities from these source systems count as attempts (null: any system). */
  readonly sources: readonly string[] | null;
}

/** One planned attempt: on `day` days after the hand-over (day 0: within the first-touch SLA). */
export interface CadenceStep {
  readonly day: number;
  readonly channel: PolicyChannel;
}

/**
 * The contact policy both teams agreed: how a lead handed to sales must be worked (first
 * touch within an SLA, so many attempts per channel over a minimum span) before it is
 * called unreachable. Versioned by the hash of its YAML, like the funnel model.
 */
export interface ContactPolicy {
  readonly id: string;
  /** `id@hash`; transitions it causes carry the reason `policy:<version>`. */
  readonly version: string;
  /** Entering this stage starts a policy run (default sal). */
  readonly startStage: StageId;
  readonly firstTouchHours: number;
  readonly calendar: WorkCalendar;
  readonly minimumSpanDays: number;
  readonly channels: readonly ChannelRule[];
  /** Connections on no particular channel (e.g. meeting). */
  readonly connected: readonly ActivityType[];
  /** Every required attempt, planned by day; per channel as many steps as attempts. */
  readonly cadence: readonly CadenceStep[];
  /** Where an exhausted run sends the person (default unreachable). */
  readonly exhaustedStage: StageId;
  /**
   * Whether activities with no actor count as attempts. Off by default: a newsletter the
   * marketing platform sent (no rep behind it) is not a sales attempt.
   */
  readonly automatedAttempts: boolean;
}

/** The channel an activity is an attempt on under the policy, or null when it is none. */
export function attemptChannel(policy: ContactPolicy, activity: Activity, rules: readonly ChannelRule[] = policy.channels): PolicyChannel | null {
  if (!policy.automatedAttempts && !activity.actor) return null;
  for (const rule of rules) {
    if (rule.count.includes(activity.type) && (rule.sources === null || rule.sources.includes(activity.source))) return rule.channel;
  }
  return null;
}

/** The reason recorded on the transition an exhausted policy run causes. */
export function policyReason(policy: ContactPolicy): string {
  return `policy:${policy.version}`;
}

/** Channels a person opted out of: they need no attempts, and an attempt on them is a breach. */
export function optedOutChannels(person: { readonly doNotCall: boolean; readonly doNotEmail: boolean }): PolicyChannel[] {
  const out: PolicyChannel[] = [];
  if (person.doNotCall) out.push('call');
  if (person.doNotEmail) out.push('email');
  return out;
}
