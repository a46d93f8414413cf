import type { ContactPolicy } from '../domain/contact-policy.js';
import { FollowUpProvider } from '../domain/follow-up-provider.js';
import { followUpReport } from './follow-up-report.js';
import type { ComplianceRow } from './follow-up-report.js';
import type { FollowUpSetup } from './follow-up-scan.js';
import type { MailSettings } from './follow-up-settings.js';
import type { FollowUpStore } from './ports/follow-up-store.js';
import type { OutboxStore } from './ports/outbox-store.js';

/** What a policy did (or would have done) to everyone handed over, evaluated at one time. */
export interface PolicyOutcome {
  readonly policyVersion: string;
  readonly total: ComplianceRow;
  readonly nurtureEnrolled: number;
}

/** A candidate contact policy against the active one, on the same history at the same time. */
export interface ContactPolicyBacktest {
  readonly at: string;
  readonly current: PolicyOutcome;
  readonly candidate: PolicyOutcome;
  /** Candidate minus current: first touches within the SLA, people unreachable by policy, overdue, connected, sent to nurture. */
  readonly change: {
    readonly withinSla: number;
    readonly unreachableByPolicy: number;
    readonly openOverdue: number;
    readonly connected: number;
    readonly nurtureEnrolled: number;
  };
}

/**
 * Replays every hand-over (in memory, nothing stored) under the active follow-up setup and
 * under the same setup with the candidate policy: how many people the candidate would have
 * made unreachable, left overdue, and sent to nurture. The same engine as the follow-up
 * report, so the current side equals `tandem report follow-up` at the same time.
 */
export async function contactPolicyBacktest(
  store: FollowUpStore,
  outbox: OutboxStore,
  current: FollowUpSetup,
  policy: ContactPolicy,
  settings: MailSettings,
): Promise<ContactPolicyBacktest> {
  const at = current.ctx.at;
  const provider = new FollowUpProvider(current.provider.model, policy, current.provider.program);
  const candidate: FollowUpSetup = { ctx: { ...current.ctx, providers: current.ctx.providers.map((p) => (p === current.provider ? provider : p)) }, provider };
  const outcome = async (setup: FollowUpSetup): Promise<PolicyOutcome> => {
    const r = await followUpReport(store, outbox, setup, settings, { from: null, to: null, at });
    return { policyVersion: r.policyVersion, total: r.total, nurtureEnrolled: r.nurture.enrolled };
  };
  const [before, after] = [await outcome(current), await outcome(candidate)];
  return {
    at,
    current: before,
    candidate: after,
    change: {
      withinSla: after.total.withinSla - before.total.withinSla,
      unreachableByPolicy: after.total.unreachableByPolicy - before.total.unreachableByPolicy,
      openOverdue: after.total.openOverdue - before.total.openOverdue,
      connected: after.total.connected - before.total.connected,
      nurtureEnrolled: after.nurtureEnrolled - before.nurtureEnrolled,
    },
  };
}
