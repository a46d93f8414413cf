import type { ActivityType } from './activity-type.js';

/** Who gets credit: the four teams pipeline and revenue are sourced by. */
export const CREDIT_TEAMS = ['marketing', 'sales', 'partner', 'other'] as const;
export type CreditTeam = (typeof CREDIT_TEAMS)[number];

export function isCreditTeam(value: string): value is CreditTeam {
  return (CREDIT_TEAMS as readonly string[]).includes(value);
}

/** The key a touch (or a credit) is reported under when it has no channel or campaign. */
export const NO_VALUE = '(none)';
/** The key of credit for an opportunity whose people had no touch before its close. */
export const NO_TOUCH = '(no touch)';

/** An activity that can carry credit for pipeline and revenue, with its channel, campaign and team. */
export interface Touch {
  /** The activity's id. */
  readonly id: string;
  readonly personId: string;
  readonly type: ActivityType;
  /** The source system the activity came from. */
  readonly system: string;
  /** UTC ISO-8601. */
  readonly at: string;
  readonly channel: string;
  /** The campaign's name when the campaign is imported, else the value the activity carried; null when none. */
  readonly campaign: string | null;
  readonly team: CreditTeam;
  /** What makes two touches of one person the same touch (type and campaign, url, content or subject). */
  readonly identity: string;
}

/** Orders touches by time, then id: the order every model reads them in. */
export function compareTouches(a: Touch, b: Touch): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
