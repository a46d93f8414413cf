import type { Kysely, Transaction } from 'kysely';
import type { AttributeValue } from '../domain/entities.js';
import { looseEmailKey, nameCompanyKey } from '../domain/email-variants.js';
import { mergeSources } from '../domain/merge-sources.js';
import type { SourceRecord } from '../domain/merge-sources.js';
import { normaliseEmail } from '../domain/normalise.js';
import { MERGED_PERSON_FIELDS } from '../domain/precedence.js';
import type { PrecedencePolicy } from '../domain/precedence.js';
import type { PersonRecord, Reject } from '../app/ports/import-records.js';
import type { InsertMany } from './dialects/bulk-insert.js';
import { readJson, writeJson } from './json-column.js';
import type { Database, PersonSourcesTable, PersonsTable } from './schema.js';

/** How a landed record found its person. */
export type MatchedBy = 'new' | 'externalId' | 'email';

export interface LandedPerson {
  readonly record: PersonRecord;
  readonly personId: string;
  readonly matchedBy: MatchedBy;
}

const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A record's key within its system: its own id, else its normalised email. */
export function recordKey(externalId: string | null, email: string | null): string | null {
  if (externalId) return externalId;
  const n = normaliseEmail(email);
  return n ? `email:${n}` : null;
}

function order(row: Pick<PersonSourcesTable, 'file' | 'row'>): string {
  return `${row.file}:${String(row.row).padStart(9, '0')}`;
}

function toRow(l: LandedPerson, at: string): PersonSourcesTable {
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

const UPDATED_COLUMNS: readonly (keyof PersonSourcesTable)[] = [
  'external_id', 'person_id', 'email', 'email_norm', 'email_loose', 'name_key', 'owner', 'stage', 'status_raw', 'stage_at',
  'created_at', 'updated_at', 'fields', 'attributes', 'supplies', 'matched_by', 'files', 'file_count', 'file', 'row', 'seen_at', 'reason',
];

const SAME_VALUES: readonly (keyof PersonSourcesTable)[] = ['person_id', 'email', 'owner', 'stage', 'status_raw', 'stage_at', 'created_at', 'updated_at', 'fields', 'attributes', 'files'];

const earliest = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a < b ? a : b);
const latest = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);

/**
 * One record described again (another file of the same system, or a duplicate row): its values
 * accumulate, newer non-empty values win, an empty cell never erases what was known.
 */
function combine(old: PersonSourcesTable, next: PersonSourcesTable): PersonSourcesTable {
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

function asSource(row: PersonSourcesTable): SourceRecord {
  return {
    source: row.source,
    recordKey: row.record_key,
    fields: readJson(row.fields),
    attributes: readJson(row.attributes),
    asOf: row.updated_at ?? row.seen_at,
    order: order(row),
  };
}

async function load(trx: Transaction<Database>, landed: readonly PersonSourcesTable[], personIds: readonly string[]): Promise<PersonSourcesTable[]> {
  const out = new Map<string, PersonSourcesTable>();
  const key = (r: PersonSourcesTable): string => `${r.source}\u0000${r.record_key}`;
  for (const part of chunks(personIds)) {
    for (const r of await trx.selectFrom('person_sources').selectAll().where('person_id', 'in', part).execute()) out.set(key(r), r);
  }
  const bySource = new Map<string, string[]>();
  for (const r of landed) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r.record_key]);
  for (const [source, keys] of bySource) {
    for (const part of chunks(keys)) {
      const rows = await trx.selectFrom('person_sources').selectAll().where('source', '=', source).where('record_key', 'in', part).execute();
      for (const r of rows) out.set(key(r), r);
    }
  }
  return [...out.values()];
}

/**
 * Records what each landed persons row said (one row per system record) and sets the merged
 * persons rows' values by source precedence from every record of each person, remembering
 * which record supplied each value. A record seen again with the same values keeps when it
 * was first seen, so re-importing an older file never makes its values "more recent".
 */
export async function mergeBySourcePrecedence(
  trx: Transaction<Database>,
  landed: readonly LandedPerson[],
  persons: Map<string, PersonsTable>,
  policy: PrecedencePolicy,
  at: string,
  insertMany: InsertMany,
  /** Persons that existed before this batch: only theirs can have stored records (a first import reads nothing). */
  known: ReadonlySet<string> = new Set(persons.keys()),
): Promise<void> {
  const key = (r: Pick<PersonSourcesTable, 'source' | 'record_key'>): string => `${r.source}\u0000${r.record_key}`;
  const incoming = new Map<string, PersonSourcesTable>();
  for (const l of landed) {
    const row = toRow(l, at);
    const first = incoming.get(key(row));
    incoming.set(key(row), first ? { ...combine(first, row), matched_by: first.matched_by } : row);
  }
  const stored = await load(trx, [...incoming.values()].filter((r) => known.has(r.person_id!)), [...persons.keys()].filter((id) => known.has(id)));
  const existing = new Map(stored.map((r) => [key(r), r]));
  const current = new Map(existing);
  const changed = new Set<string>();
  for (const [k, next] of incoming) {
    const old = existing.get(k);
    const landedBefore = old !== undefined && old.person_id !== null;
    const row = landedBefore ? combine(old, next) : next;
    if (landedBefore && SAME_VALUES.every((c) => old[c] === row[c])) continue;
    // A record that had already landed keeps how it first found its person.
    current.set(k, { ...row, matched_by: landedBefore ? old.matched_by : row.matched_by, supplies: old?.supplies ?? '[]' });
    changed.add(k);
  }
  const byPerson = new Map<string, PersonSourcesTable[]>();
  for (const r of current.values()) if (r.person_id !== null && persons.has(r.person_id)) byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r]);
  for (const [personId, rows] of byPerson) {
    const person = persons.get(personId)!;
    const m = mergeSources(policy, rows.map(asSource), person.email_norm);
    const text = (v: AttributeValue): string | null => (v === null ? null : String(v));
    persons.set(personId, {
      ...person,
      email: text(m.fields.email) ?? person.email,
      first_name: text(m.fields.firstName),
      last_name: text(m.fields.lastName),
      company: text(m.fields.company),
      owner: text(m.fields.owner),
      source: text(m.fields.source),
      country: text(m.fields.country),
      industry: text(m.fields.industry),
      title: text(m.fields.title),
      do_not_call: m.fields.doNotCall === true ? 1 : 0,
      do_not_email: m.fields.doNotEmail === true ? 1 : 0,
      attributes: writeJson(m.attributes),
    });
    const supplies = new Map<string, string[]>();
    for (const [field, p] of Object.entries(m.provenance)) {
      const k = key({ source: p.source, record_key: p.recordKey });
      supplies.set(k, [...(supplies.get(k) ?? []), field]);
    }
    for (const r of rows) {
      const next = JSON.stringify((supplies.get(key(r)) ?? []).sort());
      if (next !== r.supplies) {
        current.set(key(r), { ...r, supplies: next });
        changed.add(key(r));
      }
    }
  }
  const writes = [...changed].map((k) => current.get(k)!);
  await insertMany(trx, 'person_sources', writes, { columns: ['source', 'record_key'], update: UPDATED_COLUMNS });
}

/**
 * Keeps what could be read of rejected persons rows (system, key, status, date) so their
 * system's count can be explained. Never overwrites a record that landed.
 */
export async function recordRejectedPersonRows(db: Kysely<Database>, rejects: readonly Reject[], at: string): Promise<void> {
  const rows = new Map<string, PersonSourcesTable>();
  for (const r of rejects) {
    const rec = r.record;
    if (!rec) continue;
    const row: PersonSourcesTable = {
      source: rec.system,
      record_key: recordKey(rec.externalId, rec.email) ?? `row:${r.file}:${r.row}`,
      external_id: rec.externalId,
      person_id: null,
      email: rec.email,
      email_norm: normaliseEmail(rec.email),
      email_loose: null,
      name_key: null,
      owner: null,
      stage: rec.status.stage,
      status_raw: rec.status.raw,
      stage_at: rec.status.at,
      created_at: rec.createdAt,
      updated_at: null,
      fields: '{}',
      attributes: '{}',
      supplies: '[]',
      matched_by: 'rejected',
      files: JSON.stringify([r.file]),
      file_count: 1,
      file: r.file,
      row: r.row,
      seen_at: at,
      reason: r.field ? `${r.field}: ${r.reason}` : r.reason,
    };
    rows.set(`${row.source}\u0000${row.record_key}`, row);
  }
  for (const part of chunks([...rows.values()], 100)) {
    await db
      .insertInto('person_sources')
      .values(part)
      .onConflict((oc) =>
        oc
          .columns(['source', 'record_key'])
          .doUpdateSet((eb) => ({
            stage: eb.ref('excluded.stage'),
            status_raw: eb.ref('excluded.status_raw'),
            stage_at: eb.ref('excluded.stage_at'),
            created_at: eb.ref('excluded.created_at'),
            file: eb.ref('excluded.file'),
            row: eb.ref('excluded.row'),
            reason: eb.ref('excluded.reason'),
          }))
          .where('person_sources.person_id', 'is', null),
      )
      .execute();
  }
}

/** The persons columns precedence decides. */
const MERGED_COLUMNS = ['email', 'first_name', 'last_name', 'company', 'owner', 'source', 'country', 'industry', 'title', 'do_not_call', 'do_not_email', 'attributes'] as const;

/**
 * Re-merges every person described by more than one record under this policy, page by page
 * (each page one transaction): what a changed `precedence` section needs before replay.
 * Returns how many persons changed.
 */
export async function remergePersons(db: Kysely<Database>, policy: PrecedencePolicy, insertMany: InsertMany, page = 500): Promise<number> {
  let after: string | null = null;
  let changed = 0;
  for (;;) {
    let q = db.selectFrom('person_sources').select('person_id').where('person_id', 'is not', null).groupBy('person_id').having((eb) => eb.fn.countAll(), '>', 1).orderBy('person_id').limit(page);
    if (after !== null) q = q.where('person_id', '>', after);
    const ids = (await q.execute()).map((r) => r.person_id!);
    if (ids.length === 0) return changed;
    changed += await db.transaction().execute(async (trx) => {
      const before = new Map((await trx.selectFrom('persons').selectAll().where('id', 'in', ids).execute()).map((p) => [p.id, p]));
      const persons = new Map(before);
      await mergeBySourcePrecedence(trx, [], persons, policy, '', insertMany);
      const rows = [...persons.values()].filter((p) => MERGED_COLUMNS.some((c) => p[c] !== before.get(p.id)![c]));
      await insertMany(trx, 'persons', rows, { columns: ['id'], update: MERGED_COLUMNS });
      return rows.length;
    });
    after = ids[ids.length - 1]!;
  }
}
