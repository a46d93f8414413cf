import type { AttributeValue, Attributes } from './entities.js';
import { normaliseEmail } from './normalise.js';
import { MERGED_PERSON_FIELDS, pickCandidate } from './precedence.js';
import type { Candidate, MergedPersonField, PrecedencePolicy } from './precedence.js';

/** What one source record (one row of one system's export) says about a person. */
export interface SourceRecord {
  readonly source: string;
  /** The record's key within its system: its own id, else its normalised email. */
  readonly recordKey: string;
  readonly fields: Readonly<Partial<Record<MergedPersonField, AttributeValue>>>;
  readonly attributes: Attributes;
  /** UTC ISO time the values are current as of: the record's own update time, else when Tandem first saw them. */
  readonly asOf: string;
  /** Breaks ties between equally recent records (file and row). */
  readonly order: string;
}

/** Where a merged value came from: which system, which record. */
export interface Provenance {
  readonly source: string;
  readonly recordKey: string;
}

export interface MergedValues {
  readonly fields: Readonly<Record<MergedPersonField, AttributeValue>>;
  readonly attributes: Attributes;
  /** Per merged value (`owner`, `attributes.lead_score`), the record that supplied it. */
  readonly provenance: Readonly<Record<string, Provenance>>;
}

type RecordCandidate = Candidate<AttributeValue> & { readonly record: SourceRecord };

function candidates(records: readonly SourceRecord[], read: (r: SourceRecord) => AttributeValue | undefined): RecordCandidate[] {
  return records.map((record) => ({ source: record.source, value: read(record) ?? null, asOf: record.asOf, order: record.order, record }));
}

/**
 * A person's values merged from every record that describes them, field by field, by the
 * precedence policy. The display email is chosen only among spellings of the person's own
 * normalised email (an address held by another person is not theirs to show).
 */
export function mergeSources(policy: PrecedencePolicy, records: readonly SourceRecord[], emailNorm: string | null): MergedValues {
  if (records.length === 1) return fromOneRecord(records[0]!, emailNorm);
  const fields = {} as Record<MergedPersonField, AttributeValue>;
  const provenance: Record<string, Provenance> = {};
  for (const field of MERGED_PERSON_FIELDS) {
    let pool = candidates(records, (r) => r.fields[field]);
    if (field === 'email' && emailNorm !== null) pool = pool.filter((c) => normaliseEmail(String(c.value ?? '')) === emailNorm);
    const winner = pickCandidate(policy, field, pool);
    fields[field] = winner?.value ?? null;
    if (winner) provenance[field] = { source: winner.record.source, recordKey: winner.record.recordKey };
  }
  const attributes: Record<string, AttributeValue> = {};
  const keys = new Set(records.flatMap((r) => Object.keys(r.attributes)));
  for (const key of [...keys].sort()) {
    const winner = pickCandidate(policy, key, candidates(records, (r) => r.attributes[key]));
    if (!winner) continue;
    attributes[key] = winner.value;
    provenance[`attributes.${key}`] = { source: winner.record.source, recordKey: winner.record.recordKey };
  }
  return { fields, attributes, provenance };
}

const present = (v: AttributeValue | undefined): v is AttributeValue => v !== null && v !== undefined && v !== '';

/**
 * `mergeSources` of a person with one record (most persons, and every new one): each of its
 * non-empty values wins, whatever the policy; only the email check applies.
 */
function fromOneRecord(record: SourceRecord, emailNorm: string | null): MergedValues {
  const fields = {} as Record<MergedPersonField, AttributeValue>;
  const provenance: Record<string, Provenance> = {};
  const from: Provenance = { source: record.source, recordKey: record.recordKey };
  for (const field of MERGED_PERSON_FIELDS) {
    const value = record.fields[field];
    const wins = present(value) && (field !== 'email' || emailNorm === null || normaliseEmail(String(value)) === emailNorm);
    fields[field] = wins ? value : null;
    if (wins) provenance[field] = from;
  }
  const attributes: Record<string, AttributeValue> = {};
  for (const key of Object.keys(record.attributes).sort()) {
    const value = record.attributes[key];
    if (!present(value)) continue;
    attributes[key] = value;
    provenance[`attributes.${key}`] = from;
  }
  return { fields, attributes, provenance };
}
