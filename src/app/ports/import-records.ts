import type { ActivityType } from '../../domain/activity-type.js';
import type { Attributes, OpportunityStatus } from '../../domain/entities.js';
import type { StageId } from '../../domain/stage.js';
import type { CreditTeam } from '../../domain/touch.js';

/** How a record points at its person: the id in its own source system, or an email. */
export type PersonRef =
  | { readonly kind: 'external'; readonly source: string; readonly externalId: string }
  | { readonly kind: 'email'; readonly email: string };

/** Where a record came from, so a rejection can name it. */
export interface Origin {
  readonly file: string;
  readonly row: number;
}

export interface PersonFields {
  readonly email: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly company: string | null;
  readonly owner: string | null;
  readonly source: string | null;
  readonly country: string | null;
  readonly industry: string | null;
  readonly title: string | null;
  readonly createdAt: string | null;
  readonly doNotCall: boolean | null;
  readonly doNotEmail: boolean | null;
  /** The record's own last-modified time (UTC ISO), when the export has it: "most recent" precedence reads it. */
  readonly updatedAt?: string | null;
}

/** What a system itself says a person's stage is: its lifecycle or lead status field. */
export interface SourceStatus {
  /** The field mapped to a model stage id (null when the row has no status or it maps to none). */
  readonly stage: StageId | null;
  /** The value as exported (e.g. `Marketing Qualified Lead`, `Open - Not Contacted`). */
  readonly raw: string | null;
  readonly at: string | null;
}

export interface PersonRecord {
  readonly origin: Origin;
  readonly system: string;
  readonly externalId: string | null;
  readonly fields: PersonFields;
  readonly accountDomain: string | null;
  readonly attributes: Attributes;
  /** The system's own status of the person, when the mapping maps `stage`. */
  readonly status?: SourceStatus;
}

export interface ActivityRecord {
  readonly origin: Origin;
  readonly system: string;
  readonly externalId: string;
  readonly person: PersonRef;
  readonly type: ActivityType;
  readonly occurredAt: string;
  readonly actor: string | null;
  readonly stage: StageId | null;
  readonly properties: Attributes;
}

export interface OpportunityRecord {
  readonly origin: Origin;
  readonly system: string;
  readonly externalId: string;
  readonly person: PersonRef | null;
  readonly accountDomain: string | null;
  readonly accountName: string | null;
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

/** A campaign row: identity (system, external id), the keys touches are reported under, and its cost. */
export interface CampaignRecord {
  readonly origin: Origin;
  readonly system: string;
  readonly externalId: string;
  readonly name: string | null;
  readonly channel: string | null;
  readonly team: CreditTeam | null;
  readonly costMinor: number | null;
  readonly currency: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly attributes: Attributes;
}

export interface AccountRecord {
  readonly origin: Origin;
  readonly system: string;
  readonly domain: string;
  readonly name: string | null;
  readonly attributes: Attributes;
}

/** Records applied together in one transaction: all land or none. */
export interface ImportBatch {
  readonly accounts: readonly AccountRecord[];
  readonly persons: readonly PersonRecord[];
  readonly opportunities: readonly OpportunityRecord[];
  readonly activities: readonly ActivityRecord[];
  /** Campaigns with their cost (attribution); absent when a batch carries none. */
  readonly campaigns?: readonly CampaignRecord[];
}

/** A row that could not land, with the place and the reason. */
export interface Reject {
  readonly file: string;
  readonly row: number;
  readonly field: string | null;
  readonly reason: string;
  readonly raw: string | null;
  /** For a rejected persons row: what could still be read of it, so reconciliation can count it for its system. */
  readonly record?: RejectedPersonRow;
}

/** The parts of a rejected persons row that were readable: its system, key, status and date. */
export interface RejectedPersonRow {
  readonly system: string;
  readonly externalId: string | null;
  readonly email: string | null;
  readonly status: SourceStatus;
  readonly createdAt: string | null;
}
