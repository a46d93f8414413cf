import type { AttemptHistory } from './attempt-curve.js';
import { attemptChannel } from './contact-policy.js';
import type { ContactPolicy, PolicyChannel } from './contact-policy.js';
import type { Activity, Opportunity, Person } from './entities.js';

/** Which attempts a curve counts: one channel's, or every channel's. */
export type CurveChannel = PolicyChannel | 'all';

/**
 * One person's attempts in time order and the attempt that brought the first connection
 * (a connecting call is itself the attempt; a reply or meeting belongs to the attempts before
 * it), read through the contact policy's mapping of activity types. Where the data has no
 * attempt activities, `attemptsField` names a person attribute holding the count (e.g. the
 * UCI bank data's `campaign`); such data has no connection signal.
 */
export function attemptHistory(
  policy: ContactPolicy,
  person: Person,
  activities: readonly Activity[],
  opportunities: readonly Opportunity[],
  channel: CurveChannel,
  attemptsField: string | null,
): AttemptHistory {
  const rules = policy.channels.filter((r) => channel === 'all' || r.channel === channel);
  const connectTypes = new Set([...rules.flatMap((r) => r.connected), ...(channel === 'all' ? policy.connected : [])]);
  const won = opportunities.filter((o) => o.status === 'won');
  const wonTime = won.map((o) => o.closedAt).filter((t): t is string => t !== null).sort()[0] ?? null;

  let attempts = 0;
  let connectedAt: number | null = null;
  let wonAt: number | null = null;
  const sorted = [...activities].sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
  for (const a of sorted) {
    if (wonTime !== null && wonAt === null && a.occurredAt > wonTime) wonAt = attempts;
    if (attemptChannel(policy, a, rules) !== null) attempts++;
    if (connectedAt === null && connectTypes.has(a.type)) connectedAt = attempts;
  }
  if (attempts === 0 && attemptsField !== null) {
    const raw = person.attributes[attemptsField];
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : 0;
    return { attempts: n, connectedAt: null, won: won.length > 0, wonAt: won.length > 0 ? n : null };
  }
  return { attempts, connectedAt, won: won.length > 0, wonAt: won.length > 0 ? (wonAt ?? attempts) : null };
}
