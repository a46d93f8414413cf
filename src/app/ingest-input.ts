import type { ActivityType } from '../domain/activity-type.js';
import type { AttributeValue, OpportunityStatus } from '../domain/entities.js';
import type { StageId } from '../domain/stage.js';

/** How an activity or deal names its person: their id in a source system, or their email. */
export interface PersonRefInput {
  readonly externalId?: string;
  /** The system the externalId belongs to; defaults to the record's own system. */
  readonly system?: string;
  readonly email?: string;
}

/** A person as pushed over the API (the same fields a CSV mapping fills). */
export interface PersonInput {
  readonly system: string;
  readonly externalId?: string;
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly company?: string;
  readonly accountDomain?: string;
  readonly owner?: string;
  /** Lead source (channel), as in reports' `by=source`. */
  readonly leadSource?: string;
  readonly country?: string;
  readonly industry?: string;
  readonly title?: string;
  readonly createdAt?: string;
  /** A stage the source system set, and when. */
  readonly stage?: StageId;
  readonly stageAt?: string;
  readonly doNotCall?: boolean;
  readonly doNotEmail?: boolean;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}

export interface ActivityInput {
  readonly system: string;
  readonly externalId: string;
  readonly person: PersonRefInput;
  readonly type: ActivityType;
  readonly occurredAt: string;
  readonly actor?: string;
  readonly stage?: StageId;
  readonly properties?: Readonly<Record<string, AttributeValue>>;
}

export interface OpportunityInput {
  readonly system: string;
  readonly externalId: string;
  readonly person?: PersonRefInput;
  readonly accountDomain?: string;
  readonly accountName?: string;
  readonly name?: string;
  /** Major units (dollars, not cents), with its currency. */
  readonly amount?: number;
  readonly currency?: string;
  readonly stage?: string;
  readonly status: OpportunityStatus;
  readonly owner?: string;
  readonly createdAt?: string;
  readonly closedAt?: string;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}

export const INGEST_KINDS = ['persons', 'activities', 'opportunities'] as const;
export type IngestKind = (typeof INGEST_KINDS)[number];

/** An item with its place in the request, so an error can point back at it. */
export interface Indexed<T> {
  readonly index: number;
  readonly value: T;
}

export interface IngestRequest {
  readonly persons: readonly Indexed<PersonInput>[];
  readonly activities: readonly Indexed<ActivityInput>[];
  readonly opportunities: readonly Indexed<OpportunityInput>[];
}

/** Why one item did not land. */
export interface ItemError {
  readonly kind: IngestKind;
  readonly index: number;
  readonly field: string | null;
  readonly message: string;
}

export interface IngestResult {
  readonly accepted: Readonly<Record<IngestKind, number>>;
  readonly rejected: readonly ItemError[];
  readonly activitiesInserted: number;
  readonly personsReplayed: number;
}
