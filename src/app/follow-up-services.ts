import type { ContactPolicy } from '../domain/contact-policy.js';
import type { NurtureProgram } from '../domain/nurture-program.js';
import type { AttemptReport, AttemptReportRequest } from './attempt-report.js';
import type { FollowUpReport, FollowUpReportRequest } from './follow-up-report.js';
import type { PersonFollowUpState } from './follow-up-scan.js';
import type { OwnerDigest } from './owner-digest.js';
import type { OutboxEntry, OutboxStatus } from './ports/outbox-store.js';
import type { RunMessage, RunSummary } from './run-nurture.js';
import type { QueueRequest, WorkQueue } from './work-queue.js';

export interface RunOptions {
  readonly at: string;
  readonly dryRun: boolean;
  /** Minutes after which a claim is stale (default 15). */
  readonly leaseMinutes?: number;
  /** What to replay before sending (see RunDeps.replay.scope): `time-driven` for workers, which take the replay queue themselves. */
  readonly replay?: 'all' | 'time-driven';
}

export interface DigestRequest {
  readonly owner: string | null;
  readonly at: string;
  /** Email each digest to its owner (once per owner and day). */
  readonly send: boolean;
}

/** The bottom of the funnel: contact policy, work queues, attempt curve, nurture program. */
export interface FollowUpServices {
  contactPolicy(): Promise<ContactPolicy>;
  nurtureProgram(): Promise<NurtureProgram | null>;
  /** Validates and stores a policy file as the active version (replay afterwards to apply it). */
  adoptContactPolicy(file: string): Promise<ContactPolicy>;
  adoptNurtureProgram(file: string): Promise<NurtureProgram>;
  queue(request: QueueRequest): Promise<WorkQueue>;
  /** One person's policy runs, enrollments and transitions at a time (by Tandem id or email). */
  personState(idOrEmail: string, at: string): Promise<PersonFollowUpState | null>;
  /** Each owner's digest; with `send`, also what was sent and the owners with no known address. */
  digests(request: DigestRequest): Promise<{ readonly digests: readonly OwnerDigest[]; readonly sent: readonly RunMessage[]; readonly noAddress: readonly string[] }>;
  attemptReport(request: AttemptReportRequest): Promise<AttemptReport>;
  followUpReport(request: FollowUpReportRequest): Promise<FollowUpReport>;
  /** One scheduler run: sends due nurture steps and hand-back notes. */
  run(options: RunOptions): Promise<RunSummary>;
  outbox(filter: { readonly statuses?: readonly OutboxStatus[]; readonly limit?: number }): Promise<OutboxEntry[]>;
  /** A person's verdict on a send whose outcome was unknown. */
  resolveOutbox(id: string, outcome: 'sent' | 'not-sent', by: string): Promise<boolean>;
  /** Records an unsubscribe (from a message's link or header): stops the person's messages. */
  unsubscribe(token: string, at: string): Promise<{ readonly personId: string } | null>;
}
