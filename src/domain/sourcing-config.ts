import type { ActivityType } from './activity-type.js';
import type { CreditTeam } from './touch.js';

/** How "who sourced an opportunity" is decided; tried in order, the first that finds a team wins. */
export const SOURCED_RULES = ['first-touch', 'original-source'] as const;
export type SourcedRule = (typeof SOURCED_RULES)[number];

/** A team rule: every condition given must hold (each lists the values that match). */
export interface TeamRule {
  readonly system?: readonly string[];
  readonly type?: readonly ActivityType[];
  readonly channel?: readonly string[];
  readonly campaign?: readonly string[];
  readonly team: CreditTeam;
}

/**
 * The attribution settings of a funnel model (its `sourcing` section): what a touch is, which
 * team a touch belongs to, and the rule that says which team sourced an opportunity.
 */
export interface SourcingConfig {
  readonly sourced: readonly SourcedRule[];
  /** The team when no rule finds one. */
  readonly otherwise: CreditTeam;
  readonly touches: {
    /** Activity types that can carry credit. */
    readonly types: readonly ActivityType[];
    /** Channel of a touch whose activity and campaign name none, by activity type. */
    readonly channels: Readonly<Partial<Record<ActivityType, string>>>;
    /** Team of a touch: the first matching rule, else its campaign's team, else its system's, else `default`. */
    readonly teams: {
      readonly rules: readonly TeamRule[];
      readonly systems: Readonly<Record<string, CreditTeam>>;
      readonly default: CreditTeam;
    };
    /** Two touches of one person with the same identity within this many minutes are one touch. */
    readonly duplicateWithinMinutes: number;
  };
  /** The person's original source (the `source` field) → team, matched ignoring case, spaces, `-` and `_`. */
  readonly originalSource: Readonly<Partial<Record<CreditTeam, readonly string[]>>>;
  /** Time-decay: a touch this many days before the close counts half as much as one at the close. */
  readonly halfLifeDays: number;
  /** Stage influence: touches this many days before a move count as influencing it. */
  readonly influenceWindowDays: number;
}

/** The defaults, used for every setting a funnel model's `sourcing` section leaves out. */
export const DEFAULT_SOURCING: SourcingConfig = {
  sourced: ['first-touch', 'original-source'],
  otherwise: 'other',
  touches: {
    types: ['campaign_member', 'form_fill', 'email_click', 'event_attended', 'call_connect', 'meeting', 'content_share'],
    channels: {
      campaign_member: 'campaign',
      form_fill: 'web',
      email_click: 'email',
      event_attended: 'event',
      call_connect: 'phone',
      meeting: 'meeting',
      content_share: 'content',
    },
    teams: {
      rules: [
        { channel: ['partner', 'referral partner', 'partner referral'], team: 'partner' },
        { type: ['call_connect', 'meeting'], team: 'sales' },
      ],
      systems: {
        hubspot: 'marketing',
        marketo: 'marketing',
        mautic: 'marketing',
        'act-on': 'marketing',
        pardot: 'marketing',
        salesforce: 'sales',
        pipedrive: 'sales',
      },
      default: 'other',
    },
    duplicateWithinMinutes: 5,
  },
  originalSource: {
    marketing: [
      'organic search', 'paid search', 'email marketing', 'email', 'organic social', 'social media', 'social',
      'paid social', 'other campaigns', 'direct traffic', 'display', 'web', 'website', 'purchased list', 'event',
      'webinar', 'advertisement', 'google', 'olark chat', 'other publicities', 'referrals', 'referral sites',
    ],
    sales: ['offline sources', 'phone inquiry', 'cold call', 'outbound', 'sales'],
    partner: ['partner', 'partner referral', 'referral', 'reference'],
  },
  halfLifeDays: 7,
  influenceWindowDays: 30,
};

/** Ignores case, surrounding spaces, and the `-`/`_`/space differences between systems' value styles. */
export function sourceKey(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}
