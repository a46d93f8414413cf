import type { Activity } from './entities.js';
import type { Campaign } from './campaign.js';
import { campaignIndex } from './campaign.js';
import { classifyTouch } from './classify-touch.js';
import { dedupeTouches } from './dedupe-touches.js';
import type { OpportunityFacts, OpportunityJourney } from './opportunity-journey.js';
import type { SourcingConfig } from './sourcing-config.js';
import { compareTouches } from './touch.js';
import type { Touch } from './touch.js';

/** What attribution needs of a person. */
export interface PersonFacts {
  readonly id: string;
  readonly accountId: string | null;
  readonly createdAt: string | null;
  readonly source: string | null;
}

/** A deal and who it belongs to. */
export interface OpportunityLink extends OpportunityFacts {
  readonly personId: string | null;
  readonly accountId: string | null;
}

/** The facts attribution reads from the store: deals, their people, those people's touch activities, campaigns. */
export interface AttributionData {
  readonly opportunities: readonly OpportunityLink[];
  readonly persons: readonly PersonFacts[];
  /** Activities of the touch types, of the persons above. */
  readonly activities: readonly Activity[];
  readonly campaigns: readonly Campaign[];
}

/**
 * The people whose touches credit a deal: its person; a deal without a person credits through
 * every person of its account. People of other accounts never do.
 */
export function peopleOf(o: OpportunityLink, byId: ReadonlyMap<string, PersonFacts>, byAccount: ReadonlyMap<string, PersonFacts[]>): PersonFacts[] {
  if (o.personId !== null) {
    const p = byId.get(o.personId);
    return p ? [p] : [];
  }
  return o.accountId !== null ? (byAccount.get(o.accountId) ?? []) : [];
}

function earliestPerson(people: readonly PersonFacts[], withSource: boolean): PersonFacts | undefined {
  return [...people]
    .filter((p) => !withSource || (p.source !== null && p.source !== ''))
    .sort((a, b) => ((a.createdAt ?? '\uffff') < (b.createdAt ?? '\uffff') ? -1 : (a.createdAt ?? '\uffff') > (b.createdAt ?? '\uffff') ? 1 : a.id < b.id ? -1 : 1))[0];
}

/**
 * Every opportunity with the touches that may credit it: its people's touches, deduplicated,
 * none after its close (a deal still open: none after `reportAt`).
 */
export function buildJourneys(data: AttributionData, config: SourcingConfig, reportAt: string): OpportunityJourney[] {
  const campaigns = campaignIndex(data.campaigns);
  const types = new Set<string>(config.touches.types);
  const byId = new Map(data.persons.map((p) => [p.id, p]));
  const byAccount = new Map<string, PersonFacts[]>();
  for (const p of data.persons) {
    if (p.accountId === null) continue;
    const list = byAccount.get(p.accountId);
    if (list) list.push(p);
    else byAccount.set(p.accountId, [p]);
  }
  const raw = new Map<string, Touch[]>();
  for (const a of data.activities) {
    if (!types.has(a.type)) continue;
    const t = classifyTouch(a, campaigns, config);
    const list = raw.get(a.personId);
    if (list) list.push(t);
    else raw.set(a.personId, [t]);
  }
  const touchesOf = new Map<string, Touch[]>();
  for (const [personId, list] of raw) touchesOf.set(personId, dedupeTouches(list, config.touches.duplicateWithinMinutes));

  return data.opportunities.map((o) => {
    const people = peopleOf(o, byId, byAccount);
    const creditUntil = o.status !== 'open' && o.closedAt !== null ? o.closedAt : reportAt;
    const touches = people
      .flatMap((p) => touchesOf.get(p.id) ?? [])
      .filter((t) => t.at <= creditUntil)
      .sort(compareTouches);
    const leadCreatedAt = earliestPerson(people, false)?.createdAt ?? null;
    const opportunity: OpportunityFacts = {
      id: o.id,
      amountMinor: o.amountMinor,
      currency: o.currency,
      status: o.status,
      createdAt: o.createdAt,
      closedAt: o.closedAt,
      cohortAt: o.cohortAt ?? null,
    };
    return { opportunity, touches, creditUntil, leadCreatedAt, originalSource: earliestPerson(people, true)?.source ?? null };
  });
}
