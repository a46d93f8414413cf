import { TandemError } from '../domain/errors.js';
import type { NurtureProgram } from '../domain/nurture-program.js';
import { addDays } from '../domain/work-calendar.js';
import { composeNote, composeStepMessage } from './compose-message.js';
import { displayName, openAt, scanPeople } from './follow-up-scan.js';
import type { FollowUpSetup, FollowUpView } from './follow-up-scan.js';
import { ownerContact } from './follow-up-settings.js';
import type { MailSettings } from './follow-up-settings.js';
import type { FollowUpStore } from './ports/follow-up-store.js';
import type { LeaseStore } from './ports/lease-store.js';
import type { ReplayStore } from './ports/replay-store.js';
import { replayAll, replayPersons, replayQueued, replayVersion } from './replay.js';
import { TransportError } from './ports/message-transport.js';
import type { MessageTransport, OutgoingMessage } from './ports/message-transport.js';
import type { NewOutboxEntry, OutboxEntry, OutboxKind, OutboxStore } from './ports/outbox-store.js';

export interface RunRequest {
  readonly at: string;
  /** Who is running (recorded on each claim), e.g. `host:pid`. */
  readonly claimant: string;
  /** List what is due without claiming or sending anything. */
  readonly dryRun: boolean;
  /** A claim older than this is stale: never-sent claims are released, sends in flight flagged unknown. */
  readonly leaseMinutes?: number;
  readonly maxTries?: number;
  /** Re-engagements older than this are not announced to owners (a first run over old history). */
  readonly notifyWithinDays?: number;
}

export interface RunDeps {
  readonly store: FollowUpStore;
  /**
   * When given, everyone is replayed at the run's time first, so time-driven transitions (an
   * exhausted policy) are recorded — by one scheduler at a time, under the `replay` lease;
   * the others skip it (what they send does not depend on it).
   */
  readonly replay?: {
    readonly store: ReplayStore;
    readonly leases: LeaseStore;
    readonly now: () => Date;
    /**
     * `all` (default): everyone when the version has no journeys yet, else the replay queue and
     * the people time may have moved. `time-driven`: only the latter — for workers, which take the
     * queue themselves (a full replay racing their claims would redo their work).
     */
    readonly scope?: 'all' | 'time-driven';
  };
  readonly outbox: OutboxStore;
  readonly setup: FollowUpSetup;
  readonly transport: MessageTransport | null;
  readonly settings: MailSettings;
  /** A fresh unguessable token for an unsubscribe link. */
  readonly newToken: () => string;
}

/** What one message of a run came to. */
export interface RunMessage {
  readonly kind: OutboxKind;
  readonly personId: string;
  /** The person's name (or the owner, for a digest). */
  readonly name: string;
  readonly recipient: string;
  readonly step: string;
  readonly outcome: 'due' | 'sent' | 'claimed-elsewhere' | 'failed' | 'bounced' | 'unknown';
  readonly detail: string | null;
}

export interface RunSummary {
  readonly at: string;
  readonly programVersion: string | null;
  readonly dryRun: boolean;
  /** People replayed at the run's time (0 in a dry run). */
  readonly replayed: number;
  readonly enrolled: number;
  /** Enrolled people whose messages have stopped (opted out, unsubscribed, bounced, no address). */
  readonly exited: number;
  readonly finished: number;
  /** Enrolled people whose sequence waits for a person: an unknown send, or one that failed every try. */
  readonly blocked: number;
  readonly released: number;
  readonly flaggedUnknown: number;
  readonly messages: readonly RunMessage[];
}

type Step = { index: number; dueAt: string } | { index: null; why: 'finished' | 'blocked' | 'in-flight' | 'exited' };

/**
 * Which step of an enrollment is next, from what the outbox says was sent. A step that failed
 * `maxTries` times blocks the sequence like an unknown one: a person must look at it.
 */
export function nextStep(program: NurtureProgram, enrolledAt: string, entries: readonly OutboxEntry[], maxTries = 3): Step {
  let previousSentAt: string | null = null;
  for (let i = 0; i < program.steps.length; i++) {
    const e = entries.find((x) => x.step === i);
    const dueAt = i === 0 ? addDays(enrolledAt, program.startAfterDays) : addDays(previousSentAt!, program.steps[i - 1]!.waitDays);
    if (e?.status === 'failed' && e.tries >= maxTries) return { index: null, why: 'blocked' };
    if (!e || e.status === 'failed' || e.status === 'released' || e.status === 'not-sent') return { index: i, dueAt };
    if (e.status === 'bounced') return { index: null, why: 'exited' };
    if (e.status === 'unknown') return { index: null, why: 'blocked' };
    if (e.status === 'claimed' || e.status === 'sending') return { index: null, why: 'in-flight' };
    previousSentAt = e.sentAt ?? e.sendingAt ?? e.claimedAt!;
  }
  return { index: null, why: 'finished' };
}

/**
 * One scheduler run: sends every nurture step that is due, and tells owners who was handed
 * back. Each message goes claim → sending → send → sent; a run that dies after sending
 * leaves the entry "sending", which the next run (after the lease) flags unknown for a person
 * to check — it is never sent again, and the person's sequence waits.
 */
export async function runNurture(deps: RunDeps, request: RunRequest): Promise<RunSummary> {
  const program = deps.setup.provider.program;
  const replayed = deps.replay && !request.dryRun ? await replayUnderLease(deps.replay, deps.store, deps.setup, request) : 0;
  const empty = { at: request.at, dryRun: request.dryRun, replayed, enrolled: 0, exited: 0, finished: 0, blocked: 0, released: 0, flaggedUnknown: 0, messages: [] };
  if (!program) return { ...empty, programVersion: null };
  if (!deps.transport && !request.dryRun) {
    throw new TandemError('CONFIG_INVALID', 'nothing to send with: set TANDEM_SMTP_URL or TANDEM_WEBHOOK_URL (or a mail config file), or pass --dry-run', { place: { field: 'smtp' } });
  }
  const lease = request.leaseMinutes ?? 15;
  const swept = request.dryRun ? { released: 0, unknown: 0 } : await deps.outbox.sweep(new Date(Date.parse(request.at) - lease * 60_000).toISOString());
  const counts = { enrolled: 0, exited: 0, finished: 0, blocked: 0 };
  const messages: RunMessage[] = [];
  const notifySince = addDays(request.at, -(request.notifyWithinDays ?? 2));

  await scanPeople(deps.store, deps.setup, async (views) => {
    const enrolled = views.filter((v) => v.enrollments.length > 0);
    if (enrolled.length === 0) return;
    const entries = await deps.outbox.forPeople(program.id, enrolled.map((v) => v.person.id));
    for (const view of enrolled) {
      const mine = entries.filter((e) => e.personId === view.person.id);
      await handBacks(deps, request, program, view, mine, notifySince, messages);
      const current = view.enrollments.at(-1)!;
      if (!openAt(current.span, request.at) || current.state.reengagedAt !== null) continue;
      counts.enrolled++;
      const sent = mine.filter((e) => e.kind === 'nurture-step' && e.enrollmentAt === current.span.enteredAt);
      const next = nextStep(program, current.span.enteredAt, sent, request.maxTries ?? 3);
      if (current.state.exitedAt !== null || (next.index === null && next.why === 'exited')) {
        counts.exited++;
        continue;
      }
      if (next.index === null) {
        if (next.why === 'finished') counts.finished++;
        if (next.why === 'blocked') counts.blocked++;
        continue;
      }
      if (next.dueAt > request.at) continue;
      const step = program.steps[next.index]!;
      const entry: NewOutboxEntry = {
        kind: 'nurture-step',
        programId: program.id,
        programVersion: program.version,
        personId: view.person.id,
        enrollmentAt: current.span.enteredAt,
        step: next.index,
        stepId: step.id,
        recipient: view.person.email!,
        subject: step.subject,
        unsubscribeToken: deps.newToken(),
      };
      messages.push(await deliver(deps, request, entry, (e) => composeStepMessage(step, view.person, deps.settings, e.unsubscribeToken!, e.id), displayName(view.person)));
    }
  });
  return { at: request.at, programVersion: program.version, dryRun: request.dryRun, replayed, ...counts, released: swept.released, flaggedUnknown: swept.unknown, messages };
}

async function replayUnderLease(replay: NonNullable<RunDeps['replay']>, people: FollowUpStore, setup: FollowUpSetup, request: RunRequest): Promise<number> {
  const now = replay.now();
  const until = new Date(now.getTime() + (request.leaseMinutes ?? 15) * 60_000).toISOString();
  if (!(await replay.leases.acquire('replay', request.claimant, now.toISOString(), until))) return 0;
  try {
    const version = replayVersion(setup.ctx);
    const all = replay.scope !== 'time-driven';
    if (all && !(await people.hasJourneys(version))) return (await replayAll(replay.store, setup.ctx)).persons;
    // Time alone moves people only out of the policy's start stage (an exhausted run): replay
    // those, and whatever the replay queue holds; everyone else's stored timeline still holds.
    const queued = all ? (await replayQueued(replay.store, setup.ctx, { claimant: request.claimant, leaseMinutes: request.leaseMinutes, now: replay.now })).persons : 0;
    const inPolicy = await people.personIdsInStages(version, [setup.provider.policy.startStage]);
    return queued + (await replayPersons(replay.store, setup.ctx, inPolicy)).persons;
  } finally {
    await replay.leases.release('replay', request.claimant);
  }
}

/** Tells the owner, once, about each recent re-engagement of their person. */
async function handBacks(
  deps: RunDeps,
  request: RunRequest,
  program: NurtureProgram,
  view: FollowUpView,
  entries: readonly OutboxEntry[],
  notifySince: string,
  messages: RunMessage[],
): Promise<void> {
  for (const e of view.enrollments) {
    const at = e.state.reengagedAt;
    if (at === null || at < notifySince || at > request.at) continue;
    if (entries.some((x) => x.kind === 'handback' && x.enrollmentAt === at && x.status !== 'failed' && x.status !== 'released')) continue;
    const owner = ownerContact(deps.settings, view.person.owner);
    if (!owner?.email) continue;
    const name = displayName(view.person);
    const subject = `Back to you: ${name} re-engaged (${e.state.reengagedBy})`;
    const body = [
      `**${name}**${view.person.company ? ` (${view.person.company})` : ''} was unreachable and has re-engaged through the nurture program "${program.name}": ${e.state.reengagedBy} on ${at.slice(0, 16).replace('T', ' ')} UTC.`,
      '',
      `They are back with you under the contact policy: a first touch is due within ${deps.setup.provider.policy.firstTouchHours} hours.`,
      ...(view.person.email ? ['', `Email: ${view.person.email}`] : []),
    ].join('\n');
    const entry: NewOutboxEntry = {
      kind: 'handback', programId: program.id, programVersion: program.version, personId: view.person.id,
      enrollmentAt: at, step: 0, stepId: 'handback', recipient: owner.email, subject, unsubscribeToken: null,
    };
    messages.push(await deliver(deps, request, entry, (x) => composeNote(owner.email!, subject, body, deps.settings, x.id), name));
  }
}

/** Claim, mark sending, send, record — or, in a dry run, only say it is due. */
export async function deliver(
  deps: Pick<RunDeps, 'outbox' | 'transport'>,
  request: Pick<RunRequest, 'at' | 'claimant' | 'dryRun' | 'maxTries'>,
  entry: NewOutboxEntry,
  compose: (claimed: OutboxEntry) => OutgoingMessage,
  name: string = entry.personId,
): Promise<RunMessage> {
  const base = { kind: entry.kind, personId: entry.personId, name, recipient: entry.recipient, step: entry.stepId };
  if (request.dryRun || !deps.transport) return { ...base, outcome: 'due', detail: null };
  const claimed = await deps.outbox.claim(entry, request.claimant, request.at, request.maxTries ?? 3);
  if (!claimed) return { ...base, outcome: 'claimed-elsewhere', detail: null };
  const message = compose(claimed);
  if (!(await deps.outbox.markSending(claimed.id, request.claimant, request.at))) return { ...base, outcome: 'claimed-elsewhere', detail: null };
  let messageId: string | null;
  try {
    messageId = (await deps.transport.send(message)).messageId;
  } catch (e) {
    // Anything but a classified failure leaves the outcome unknown: flag it, never resend it.
    const outcome = e instanceof TransportError ? e.outcome : 'unknown';
    const status = outcome === 'refused' ? 'bounced' : outcome === 'not-sent' ? 'failed' : 'unknown';
    const detail = (e as Error).message;
    await deps.outbox.markFailed(claimed.id, request.claimant, request.at, status, detail);
    return { ...base, outcome: status, detail };
  }
  await deps.outbox.markSent(claimed.id, request.claimant, request.at, messageId, deps.transport.name);
  return { ...base, outcome: 'sent', detail: messageId };
}
