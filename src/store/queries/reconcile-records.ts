import type { Kysely } from 'kysely';
import type { PersonLabel, SourceRecordRow } from '../../app/ports/reconcile-store.js';
import { readJson } from '../json-column.js';
import type { Database, PersonSourcesTable, PersonsTable } from '../schema.js';

export const PAGE_IN = 400;

export function inParts<T>(items: readonly T[], size = PAGE_IN): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function supplies(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

export function toSourceRecord(r: PersonSourcesTable): SourceRecordRow {
  return {
    personId: r.person_id,
    source: r.source,
    recordKey: r.record_key,
    email: r.email,
    owner: r.owner,
    stage: r.stage,
    statusRaw: r.status_raw,
    fields: readJson(r.fields),
    supplies: supplies(r.supplies),
    matchedBy: r.matched_by,
    file: r.file,
    row: Number(r.row),
    seenAt: r.seen_at,
    updatedAt: r.updated_at,
  };
}

export function toLabel(p: PersonsTable): PersonLabel {
  const name = [p.first_name, p.last_name].filter((x) => x).join(' ');
  return {
    personId: p.id,
    email: p.email,
    name: name || null,
    company: p.company,
    owner: p.owner,
    doNotEmail: Number(p.do_not_email) === 1,
    doNotCall: Number(p.do_not_call) === 1,
  };
}

export async function personLabels(db: Kysely<Database>, personIds: readonly string[]): Promise<PersonLabel[]> {
  const out: PersonLabel[] = [];
  for (const part of inParts([...new Set(personIds)])) {
    for (const p of await db.selectFrom('persons').selectAll().where('id', 'in', part).orderBy('id').execute()) out.push(toLabel(p));
  }
  return out.sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
}

/** Items grouped by a key, in their order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Landed records of these persons, by person then source and key. */
export async function recordsOf(db: Kysely<Database>, personIds: readonly string[]): Promise<SourceRecordRow[]> {
  const out: SourceRecordRow[] = [];
  for (const part of inParts(personIds)) {
    const rows = await db.selectFrom('person_sources').selectAll().where('person_id', 'in', part).orderBy('person_id').orderBy('source').orderBy('record_key').execute();
    out.push(...rows.map(toSourceRecord));
  }
  return out;
}
