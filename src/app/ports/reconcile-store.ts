import type { Activity, Attributes } from '../../domain/entities.js';
import type { SystemRecordFacts } from '../../domain/count-reconciliation.js';
import type { MainStageId, StageId } from '../../domain/stage.js';

/** One record of one system as stored (person_sources). personId null: a rejected row. */
export interface SourceRecordRow {
  readonly personId: string | null;
  readonly source: string;
  readonly recordKey: string;
  readonly email: string | null;
  readonly owner: string | null;
  readonly stage: string | null;
  readonly statusRaw: string | null;
  readonly fields: Attributes;
  /** The merged values this record supplied (`owner`, `attributes.lead_score`). */
  readonly supplies: readonly string[];
  readonly matchedBy: string;
  readonly file: string;
  readonly row: number;
  readonly seenAt: string;
  readonly updatedAt: string | null;
}

/** A person as reports name them, with the merged values Tandem uses. */
export interface PersonLabel {
  readonly personId: string;
  readonly email: string | null;
  readonly name: string | null;
  readonly company: string | null;
  readonly owner: string | null;
  readonly doNotEmail: boolean;
  readonly doNotCall: boolean;
}

export interface SystemSummary {
  readonly source: string;
  readonly records: number;
  readonly rejected: number;
  readonly persons: number;
  /** Records matched by the system's own id: described by more than one file of the system. */
  readonly byExternalId: number;
  /** Records that found their person by normalised email (a record of this or another system). */
  readonly byEmail: number;
  /** Records that made a new person. */
  readonly created: number;
  /** Persons known to this system only. */
  readonly onlyHere: number;
}

export interface AccountSummary {
  readonly accounts: number;
  /** Accounts with at least one person (matched by the email or company domain). */
  readonly withPersons: number;
  /** Accounts whose persons and deals come from more than one system. */
  readonly inSeveralSystems: number;
  readonly opportunities: number;
  readonly opportunitiesWithPerson: number;
  /** Deals without a person, matched to an account that has persons by its domain. */
  readonly opportunitiesByDomain: number;
}

export interface OpportunityRow {
  readonly id: string;
  readonly source: string;
  readonly externalId: string;
  readonly name: string | null;
  readonly accountId: string | null;
  readonly accountDomain: string | null;
  readonly accountName: string | null;
  readonly accountHasPersons: boolean;
  /** The person reference that matched no person, if any. */
  readonly personRef: string | null;
  readonly stage: string | null;
  readonly status: string;
  readonly amountMinor: number | null;
  readonly currency: string | null;
}

export interface OneSystemPerson {
  readonly person: PersonLabel;
  readonly source: string;
  readonly stage: string | null;
  readonly statusRaw: string | null;
}

export interface PersonCountRow {
  readonly personId: string;
  readonly records: readonly SystemRecordFacts[];
  readonly enteredAt: string | null;
  readonly reached: readonly MainStageId[];
  readonly current: StageId | null;
}

/** What reconciliation reads: every system's records, their matches, and Tandem's replayed journeys. */
export interface ReconcileStore {
  systemSummaries(): Promise<SystemSummary[]>;
  accountSummary(): Promise<AccountSummary>;
  countPersons(): Promise<{ persons: number; inSeveralSystems: number }>;
  /** Persons with more than one record (of one system or several), in id order. */
  multiRecordPersons(afterId: string | null, limit: number): Promise<{ person: PersonLabel; records: SourceRecordRow[] }[]>;
  /** Records grouped by a near-match key (loose email, or name and company) shared by several persons. */
  nearMatchGroups(key: 'email' | 'name'): Promise<{ key: string; records: SourceRecordRow[]; persons: PersonLabel[] }[]>;
  /** Persons in one system only, that system being one of `sources` or their status there one of `stages`. */
  oneSystemPersons(sources: readonly string[], stages: readonly string[]): Promise<OneSystemPerson[]>;
  /** Persons whose status activities (stage changes, deals) come from several systems, in id order. */
  multiSystemStatusPersons(afterId: string | null, limit: number): Promise<{ personId: string; activities: Activity[] }[]>;
  /** Deals that belong to no person. */
  opportunitiesWithoutPerson(): Promise<OpportunityRow[]>;
  personLabels(personIds: readonly string[]): Promise<PersonLabel[]>;
  /** Landed records of these persons. */
  records(personIds: readonly string[]): Promise<SourceRecordRow[]>;
  /** Each person's current stage in the replayed journeys of this model version. */
  currentStages(modelVersion: string, personIds: readonly string[]): Promise<Map<string, string | null>>;
  /** Persons in id order with their landed records' status and date, and their replayed journey. */
  personCountPage(modelVersion: string, afterId: string | null, limit: number): Promise<PersonCountRow[]>;
  /** Rejected persons rows: what could be read of their status and date. */
  rejectedRecords(): Promise<(SystemRecordFacts & { readonly n: number })[]>;
  /** Whether any journeys exist for this model version (else: replay first). */
  hasJourneys(modelVersion: string): Promise<boolean>;
}
