import type { Campaign } from './campaigns.js';
import type { Half } from './demo-story.js';
import type { Identity } from './people.js';
import type { Grade } from './person-plan.js';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** Nothing happens after this: the exports were taken on 2025-01-02. */
export const DATA_END = Date.parse('2024-12-31T20:00:00.000Z');

/** How far a person goes. `opportunity` comes with a deal outcome. */
export type Depth = 'inquiry' | 'mql' | 'rejected' | 'sal' | 'nurtured' | 'unreachable' | 'reengaged' | 'sql' | 'sqlClosed' | 'opportunity';

/** What the plan builder is told about one person: who, when, how far, through which campaign. */
export interface PlanSpec {
  readonly seq: number;
  readonly half: Half;
  readonly createdAt: number;
  readonly depth: Depth;
  readonly deal?: { readonly status: 'won' | 'lost' | 'open'; readonly amount: number };
  readonly grade: Grade;
  readonly who: Identity;
  /** The campaign that brought the person in; null: a rep created the lead (sales-sourced). */
  readonly campaign: Campaign | null;
  readonly owner: string;
  /** Cap on newsletter months (the scale generator uses it to hold activities per person). */
  readonly newsletterMonths?: number;
  /** Qualifies within hours (for people handed over in the last days of the data). */
  readonly quickMql?: boolean;
}
