import type { OpportunityStatus } from './entities.js';
import type { Touch } from './touch.js';

/** What attribution needs of a deal. Money is integer minor units. */
export interface OpportunityFacts {
  readonly id: string;
  readonly amountMinor: number;
  readonly currency: string | null;
  readonly status: OpportunityStatus;
  readonly createdAt: string | null;
  readonly closedAt: string | null;
  /** When the deal's person entered the funnel (the deal's creation when it has no person): its cohort. */
  readonly cohortAt?: string | null;
}

/** One opportunity with the touches that may carry its credit. */
export interface OpportunityJourney {
  readonly opportunity: OpportunityFacts;
  /** Deduplicated, in time order, none after `creditUntil`. */
  readonly touches: readonly Touch[];
  /** The close (or, for a deal still open, the time the report is made): touches after it carry no credit. */
  readonly creditUntil: string;
  /** When the lead was created (the earliest of the deal's people), if known. */
  readonly leadCreatedAt: string | null;
  /** The original source of the deal's (earliest) person, if known. */
  readonly originalSource: string | null;
}

/** The moment the opportunity was created; its close stands in when the source system gave no creation date. */
export function opportunityCreatedAt(o: OpportunityFacts): string | null {
  return o.createdAt ?? o.closedAt;
}
