import type { Transaction } from 'kysely';
import type { AttributeValue } from '../domain/entities.js';
import { mergeSources } from '../domain/merge-sources.js';
import type { PrecedencePolicy } from '../domain/precedence.js';
import type { InsertMany } from './dialects/bulk-insert.js';
import { writeJson } from './json-column.js';
import { asSource, combine, SAME_VALUES, toRow, UPDATED_COLUMNS } from './person-source-row.js';
import type { LandedPerson } from './person-source-row.js';
import type { Database, PersonSourcesTable, PersonsTable } from './schema.js';

export type { LandedPerson, MatchedBy } from './person-source-row.js';

const CHUNK = 400;

/** Items in slices of at most `size` (bounded IN lists and statements). */
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function load(trx: Transaction<Database>, landed: readonly PersonSourcesTable[], personIds: readonly string[]): Promise<PersonSourcesTable[]> {
  const out = new Map<string, PersonSourcesTable>();
  const key = (r: PersonSourcesTable): string => `${r.source}\u0000${r.record_key}`;
  for (const part of chunks(personIds)) {
    for (const r of await trx.selectFrom('person_sources').selectAll().where('person_id', 'in', part).execute()) out.set(key(r), r);
  }
  const bySource = new Map<string, string[]>();
  for (const r of landed) {
    // Appended in place: copying the list per record made a re-imported batch quadratic in its size.
    const keys = bySource.get(r.source);
    if (keys) keys.push(r.record_key);
    else bySource.set(r.source, [r.record_key]);
  }
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
    const k = key(row);
    const first = incoming.get(k);
    incoming.set(k, first ? { ...combine(first, row), matched_by: first.matched_by } : row);
  }
  const stored = known.size === 0 ? [] : await load(trx, [...incoming.values()].filter((r) => known.has(r.person_id!)), [...persons.keys()].filter((id) => known.has(id)));
  const existing = new Map(stored.map((r) => [key(r), r]));
  // Every person_sources row object here is this function's own (built above, or read for it): updated in place.
  const current = new Map(existing);
  const changed = new Set<string>();
  for (const [k, next] of incoming) {
    const old = existing.get(k);
    const landedBefore = old !== undefined && old.person_id !== null;
    const row = landedBefore ? combine(old, next) : next;
    if (landedBefore && SAME_VALUES.every((c) => old[c] === row[c])) continue;
    // A record that had already landed keeps how it first found its person.
    row.matched_by = landedBefore ? old.matched_by : row.matched_by;
    row.supplies = old?.supplies ?? '[]';
    current.set(k, row);
    changed.add(k);
  }
  const byPerson = new Map<string, [string, PersonSourcesTable][]>();
  for (const [k, r] of current) {
    if (r.person_id === null || !persons.has(r.person_id)) continue;
    const rows = byPerson.get(r.person_id);
    if (rows) rows.push([k, r]);
    else byPerson.set(r.person_id, [[k, r]]);
  }
  const text = (v: AttributeValue): string | null => (v === null ? null : String(v));
  for (const [personId, rows] of byPerson) {
    const person = persons.get(personId)!;
    const m = mergeSources(policy, rows.map(([, r]) => asSource(r)), person.email_norm);
    // A new object: callers compare the map's values with the rows they put in (remerge-persons.ts).
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
      const list = supplies.get(k);
      if (list) list.push(field);
      else supplies.set(k, [field]);
    }
    for (const [k, r] of rows) {
      const next = JSON.stringify((supplies.get(k) ?? []).sort());
      if (next !== r.supplies) {
        r.supplies = next;
        changed.add(k);
      }
    }
  }
  const writes = [...changed].map((k) => current.get(k)!);
  await insertMany(trx, 'person_sources', writes, { columns: ['source', 'record_key'], update: UPDATED_COLUMNS });
}
