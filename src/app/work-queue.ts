import type { PolicyChannel } from '../domain/contact-policy.js';
import type { PolicyStatus } from '../domain/policy-run.js';
import { clockHoursBetween } from '../domain/work-calendar.js';
import { displayName, openAt, policyTeam, scanPeople } from './follow-up-scan.js';
import type { FollowUpSetup, FollowUpView } from './follow-up-scan.js';
import type { FollowUpStore } from './ports/follow-up-store.js';
import type { ContentSuggester, SuggestedContent } from './content-suggester.js';

/** One person to contact next: by whom, on which channel, by when. */
export interface QueueItem {
  readonly personId: string;
  readonly name: string;
  readonly email: string | null;
  readonly company: string | null;
  readonly owner: string | null;
  readonly status: PolicyStatus;
  readonly channel: PolicyChannel;
  /** The k-th attempt on the channel. */
  readonly attempt: number;
  /** Required attempts made / required in all. */
  readonly made: number;
  readonly required: number;
  readonly dueAt: string;
  /** Hours past due (0 when not yet due). */
  readonly overdueHours: number;
  readonly handedOverAt: string;
  /** Handed back by the nurture program (re-engaged after being unreachable). */
  readonly returned: boolean;
  readonly optedOut: readonly PolicyChannel[];
  /** The content catalogue piece to send next (present when a catalogue is adopted; null: nothing fits). */
  readonly suggestedContent?: SuggestedContent | null;
}

export interface WorkQueue {
  readonly at: string;
  readonly policyVersion: string;
  readonly owner: string | null;
  /** Set when the queue was filtered by team. */
  readonly team?: string;
  readonly items: readonly QueueItem[];
  /** In the policy with every attempt made, waiting for the minimum span to pass. */
  readonly waiting: number;
}

export interface QueueRequest {
  readonly owner: string | null;
  /** Only owners of this team (from the mail settings' owner directory; an owner without one works for the policy's team). */
  readonly team?: string | null;
  readonly at: string;
}

/** The queue item of a person, if their current policy run asks for an attempt. */
export function queueItem(view: FollowUpView, at: string, suggest?: ContentSuggester): QueueItem | null {
  const current = view.runs.at(-1);
  if (!current || !openAt(current.span, at)) return null;
  const s = current.state;
  if (s.nextStep === null || !['awaiting-first-touch', 'in-cadence', 'overdue'].includes(s.status)) return null;
  const into = view.timeline.transitions.find((t) => t.at === current.span.enteredAt && t.toStage === current.span.stage);
  return {
    personId: view.person.id,
    name: displayName(view.person),
    email: view.person.email,
    company: view.person.company,
    owner: view.person.owner,
    status: s.status,
    channel: s.nextStep.channel,
    attempt: s.nextStep.attempt,
    made: s.made,
    required: s.requiredTotal,
    dueAt: s.nextStep.dueAt,
    overdueHours: Math.max(0, Math.round(clockHoursBetween(s.overdueSince ?? at, at) * 10) / 10),
    handedOverAt: s.startedAt,
    returned: into?.reason.startsWith('nurture:') ?? false,
    optedOut: s.optedOut,
    ...(suggest ? { suggestedContent: suggest(view, current.span.stage, at) } : {}),
  };
}

/** Overdue first (longest overdue first), then by due time; then by name for a stable order. */
export function compareQueueItems(a: QueueItem, b: QueueItem): number {
  const ao = a.status === 'overdue' ? 0 : 1;
  const bo = b.status === 'overdue' ? 0 : 1;
  return ao - bo || (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0) || a.name.localeCompare(b.name) || (a.personId < b.personId ? -1 : 1);
}

/** Who to contact next, by whom and on which channel, at a time: overdue first. */
export async function workQueue(
  store: FollowUpStore,
  setup: FollowUpSetup,
  request: QueueRequest,
  teamOf: (owner: string | null) => string | null = () => null,
  suggest?: ContentSuggester,
): Promise<WorkQueue> {
  const team = request.team ?? null;
  // As in the follow-up report: an owner without a team works for the team accountable for the follow-up.
  const defaultTeam = policyTeam(setup);
  const items: QueueItem[] = [];
  let waiting = 0;
  await scanPeople(store, setup, (views) => {
    for (const v of views) {
      if (request.owner !== null && v.person.owner !== request.owner) continue;
      if (team !== null && (teamOf(v.person.owner) ?? defaultTeam) !== team) continue;
      const item = queueItem(v, request.at, suggest);
      if (item) items.push(item);
      else {
        const s = v.runs.at(-1);
        if (s && openAt(s.span, request.at) && s.state.status === 'in-cadence' && s.state.nextStep === null) waiting++;
      }
    }
  });
  items.sort(compareQueueItems);
  return { at: request.at, policyVersion: setup.provider.policy.version, owner: request.owner, ...(team === null ? {} : { team }), items, waiting };
}
