import type { CountRow } from './count-reconciliation.js';
import type { EmailDifference } from './email-variants.js';
import type { PeriodGrain } from './period-grain.js';
import type { SystemKind } from './precedence.js';

/** A person as the reconciliation names them (id plus what a reader recognises). */
export interface PersonRef {
  readonly person: string;
  readonly email: string | null;
  readonly name: string | null;
}

export interface SystemIdentity {
  readonly system: string;
  readonly kind: SystemKind;
  readonly records: number;
  readonly landed: number;
  readonly rejected: number;
  readonly persons: number;
  readonly matchedByExternalId: number;
  readonly matchedByEmail: number;
  readonly newPersons: number;
  readonly onlyInThisSystem: number;
}

/** A record as one system holds it: where it came from. */
export interface RecordRef {
  readonly source: string;
  readonly record: string;
  readonly email: string | null;
  readonly file: string;
  readonly row: number;
}

/** One person whose records spell the same normalised email differently (merged). */
export interface EmailVariant extends PersonRef {
  readonly differences: readonly EmailDifference[];
  readonly records: readonly RecordRef[];
}

export const NEAR_MATCH_REASONS = ['case', 'spacing', 'dots', 'plus-tag', 'name-and-company'] as const;
export type NearMatchReason = (typeof NEAR_MATCH_REASONS)[number];

/** Two persons that may be one human but were not merged. */
export interface NearMatch {
  readonly reasons: readonly NearMatchReason[];
  readonly persons: readonly (PersonRef & { readonly records: readonly RecordRef[] })[];
}

export interface OneSystemListing extends PersonRef {
  readonly system: string;
  readonly stage: string | null;
  readonly status: string | null;
  /** Why it is listed: known to the CRM only, or handed to sales in a system the CRM does not have. */
  readonly why: 'crm-only' | 'not-in-crm';
}

export interface IdentityReport {
  readonly systems: readonly SystemIdentity[];
  readonly persons: { readonly total: number; readonly inSeveralSystems: number; readonly inOneSystem: number };
  readonly accounts: {
    readonly total: number;
    readonly withPersons: number;
    readonly inSeveralSystems: number;
    readonly opportunities: number;
    readonly opportunitiesWithPerson: number;
    readonly opportunitiesByDomain: number;
  };
  readonly emailVariants: readonly EmailVariant[];
  readonly nearMatches: readonly NearMatch[];
  /** Listed: persons only a CRM knows, and persons handed to sales (sal or later) that no CRM knows. */
  readonly onlyInOneSystem: readonly OneSystemListing[];
}

export const CONFLICT_KINDS = ['stage', 'owner', 'subscription', 'opportunity'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export interface ConflictValue {
  readonly source: string;
  readonly value: string | boolean | null;
  /** The value as the system exported it, when it differs (e.g. `Customer` for won). */
  readonly raw?: string | null;
  readonly record?: string;
  readonly file?: string;
  readonly row?: number;
  readonly at?: string | null;
}

export interface Conflict {
  readonly kind: ConflictKind;
  /** Person id; null for a deal without a person. */
  readonly person: string | null;
  readonly email: string | null;
  readonly name: string | null;
  readonly field: string;
  readonly values: readonly ConflictValue[];
  /** The value Tandem uses. */
  readonly used: string | boolean | null;
  /** The system it comes from, when one does. */
  readonly usedSource: string | null;
  /** The precedence rule that decided, e.g. `owner: crm`. */
  readonly rule: string | null;
  /** For stage conflicts: the person's current stage in Tandem's replayed journey. */
  readonly tandemStage?: string | null;
  /** For deals: the deal's id in its system. */
  readonly opportunity?: string;
}

export interface ReconcileReport {
  readonly modelVersion: string;
  readonly period: { readonly grain: PeriodGrain; readonly from: string | null; readonly to: string | null };
  readonly identity: IdentityReport;
  readonly conflictCounts: Readonly<Record<ConflictKind, number>>;
  readonly conflicts: readonly Conflict[];
  readonly counts: readonly CountRow[];
}
