import type { AttributeValue } from '../domain/entities.js';
import { looseEmailKey, nameCompanyKey } from '../domain/email-variants.js';
import type { SourceRecord } from '../domain/merge-sources.js';
import { normaliseEmail } from '../domain/normalise.js';
import { MERGED_PERSON_FIELDS } from '../domain/precedence.js';
import type { PersonRecord } from '../app/ports/import-records.js';
import { readJson, writeJson } from './json-column.js';
import type { PersonSourcesTable } from './schema.js';

/** How a landed record found its person. */
export type MatchedBy = 'new' | 'externalId' | 'email';

export interface LandedPerson {
  readonly record: PersonRecord;
  readonly personId: string;
  readonly matchedBy: MatchedBy;
}

/** A record's key within its system: its own id, else its normalised email. */
export function recordKey(externalId: string | null, email: string | null): string | null {
  if (externalId) return externalId;
  const n = normaliseEmail(email);
  return n ? `email:${n}` : null;
}

/** Ties between equally recent records break by file and row. */
export function order(row: Pick<PersonSourcesTable, 'file' | 'row'>): string {
  return `${row.file}:${String(row.row).padStart(9, '0')}`;
}

/** The stored row of a landed persons record (its mapped values, its own status, where it came from). */
export function toRow(l: LandedPerson, at: string): PersonSourcesTable {
  const r = l.record;
  const f = r.fields;
  const fields: Record<string, AttributeValue> = {};
  for (const k of MERGED_PERSON_FIELDS) if (f[k] !== null && f[k] !== undefined) fields[k] = f[k];
  return {
    source: r.system,
    record_key: recordKey(r.externalId, f.email)!,
    external_id: r.externalId,
    person_id: l.personId,
    email: f.email,
    email_norm: normaliseEmail(f.email),
    email_loose: looseEmailKey(f.email),
    name_key: nameCompanyKey(f.firstName, f.lastName, f.company),
    owner: f.owner,
    stage: r.status?.stage ?? null,
    status_raw: r.status?.raw ?? null,
    stage_at: r.status?.at ?? null,
    created_at: f.createdAt,
    updated_at: f.updatedAt ?? null,
    fields: writeJson(fields),
    attributes: writeJson(r.attributes),
    supplies: '[]',
    matched_by: l.matchedBy,
    files: JSON.stringify([r.origin.file]),
    file_count: 1,
    file: r.origin.file,
    row: r.origin.row,
    seen_at: at,
    reason: null,
  };
}

/** Every column an upsert of a record rewrites. */
export const UPDATED_COLUMNS: readonly (keyof PersonSourcesTable)[] = [
  'external_id', 'person_id', 'email', 'email_norm', 'email_loose', 'name_key', 'owner', 'stage', 'status_raw', 'stage_at',
  'created_at', 'updated_at', 'fields', 'attributes', 'supplies', 'matched_by', 'files', 'file_count', 'file', 'row', 'seen_at', 'reason',
];

/** A record seen again with these unchanged is left as it was (first seen, same provenance). */
export const SAME_VALUES: readonly (keyof PersonSourcesTable)[] = ['person_id', 'email', 'owner', 'stage', 'status_raw', 'stage_at', 'created_at', 'updated_at', 'fields', 'attributes', 'files'];

const earliest = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a < b ? a : b);
const latest = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);

/**
 * One record described again (another file of the same system, or a duplicate row): its values
 * accumulate, newer non-empty values win, an empty cell never erases what was known.
 */
export function combine(old: PersonSourcesTable, next: PersonSourcesTable): PersonSourcesTable {
  const fields = { ...readJson(old.fields), ...readJson(next.fields) };
  const email = next.email ?? old.email;
  const str = (v: AttributeValue | undefined): string | null => (v === null || v === undefined ? null : String(v));
  const status = next.stage !== null || next.status_raw !== null ? next : old;
  const files = [...new Set([...(JSON.parse(old.files) as string[]), ...(JSON.parse(next.files) as string[])])].sort();
  return {
    ...next,
    email,
    email_norm: normaliseEmail(email),
    email_loose: looseEmailKey(email),
    name_key: nameCompanyKey(str(fields.firstName), str(fields.lastName), str(fields.company)),
    owner: next.owner ?? old.owner,
    stage: status.stage,
    status_raw: status.status_raw,
    stage_at: status.stage_at,
    created_at: earliest(old.created_at, next.created_at),
    updated_at: latest(old.updated_at, next.updated_at),
    fields: writeJson(fields),
    attributes: writeJson({ ...readJson(old.attributes), ...readJson(next.attributes) }),
    files: JSON.stringify(files),
    file_count: files.length,
  };
}

/** A stored record as the precedence merge reads it. */
export function asSource(row: PersonSourcesTable): SourceRecord {
  return {
    source: row.source,
    recordKey: row.record_key,
    fields: readJson(row.fields),
    attributes: readJson(row.attributes),
    asOf: row.updated_at ?? row.seen_at,
    order: order(row),
  };
}

