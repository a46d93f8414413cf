import type { Attributes } from './entities.js';
import type { CreditTeam } from './touch.js';

/** A marketing or sales campaign, imported like other entities; its cost is what return is measured against. */
export interface Campaign {
  readonly id: string;
  readonly source: string;
  readonly externalId: string;
  readonly name: string | null;
  readonly channel: string | null;
  readonly team: CreditTeam | null;
  /** Integer minor units of `currency`. */
  readonly costMinor: number | null;
  readonly currency: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly attributes: Attributes;
}

interface CampaignFacts {
  readonly name: string | null;
  readonly channel: string | null;
  readonly team: CreditTeam | null;
}

/** Campaigns looked up by the value an activity carries: an id first, a name second. */
export interface CampaignIndex {
  readonly byId: ReadonlyMap<string, CampaignFacts>;
  readonly byName: ReadonlyMap<string, CampaignFacts>;
}

function minOf<T extends string>(a: T | null, b: T | null): T | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

function merge(prev: CampaignFacts | undefined, c: Campaign): CampaignFacts {
  // Ids or names shared by several campaigns (across systems) resolve to the smallest value of each
  // field, the same rule the SQL read models use (min()), so both paths classify a touch alike.
  if (!prev) return { name: c.name, channel: c.channel, team: c.team };
  return { name: minOf(prev.name, c.name), channel: minOf(prev.channel, c.channel), team: minOf(prev.team, c.team) };
}

export function campaignIndex(campaigns: readonly Campaign[]): CampaignIndex {
  const byId = new Map<string, CampaignFacts>();
  const byName = new Map<string, CampaignFacts>();
  for (const c of campaigns) {
    byId.set(c.externalId, merge(byId.get(c.externalId), c));
    if (c.name !== null) byName.set(c.name, merge(byName.get(c.name), c));
  }
  return { byId, byName };
}

/** The name a campaign is reported under. */
export function campaignKey(c: Campaign): string {
  return c.name ?? c.externalId;
}
