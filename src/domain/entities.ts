import type { ActivityType } from './activity-type.js';
import type { StageId } from './stage.js';

/** Attribute values kept from source columns no mapping names. */
export type AttributeValue = string | number | boolean | null;
export type Attributes = Readonly<Record<string, AttributeValue>>;

/** A lead or contact: one human, deduplicated across source systems. */
export interface Person {
  readonly id: string;
  readonly email: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly company: string | null;
  readonly accountId: string | null;
  readonly owner: string | null;
  readonly source: string | null;
  readonly country: string | null;
  readonly industry: string | null;
  readonly title: string | null;
  readonly createdAt: string | null;
  readonly doNotCall: boolean;
  readonly doNotEmail: boolean;
  readonly attributes: Attributes;
}

/** One timestamped thing that happened. Immutable; idempotent by (source, externalId). */
export interface Activity {
  readonly id: string;
  readonly personId: string;
  readonly source: string;
  readonly externalId: string;
  readonly type: ActivityType;
  /** UTC ISO-8601. */
  readonly occurredAt: string;
  readonly actor: string | null;
  /** For stage_change: the model stage id the source system set. */
  readonly stage: StageId | null;
  readonly properties: Attributes;
}

export type OpportunityStatus = 'open' | 'won' | 'lost';

/** A deal. Money is integer minor units plus currency. */
export interface Opportunity {
  readonly id: string;
  readonly source: string;
  readonly externalId: string;
  readonly personId: string | null;
  readonly accountId: string | null;
  readonly name: string | null;
  readonly amountMinor: number | null;
  readonly currency: string | null;
  readonly stage: string | null;
  readonly status: OpportunityStatus;
  readonly owner: string | null;
  readonly createdAt: string | null;
  readonly closedAt: string | null;
  readonly attributes: Attributes;
}
