import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { AccountSummary, OneSystemPerson, PersonLabel, SourceRecordRow, SystemSummary } from '../../app/ports/reconcile-store.js';
import type { Database } from '../schema.js';
import { groupBy, inParts, personLabels, recordsOf, toSourceRecord } from './reconcile-records.js';

const n = (v: unknown): number => Number(v ?? 0);

/** Per system: its records, how each found its person, and the persons known to it alone. */
export async function systemSummaries(db: Kysely<Database>): Promise<SystemSummary[]> {
  const rows = await db
    .selectFrom('person_sources')
    .select([
      'source',
      sql<number>`count(*)`.as('records'),
      sql<number>`sum(case when person_id is null then 1 else 0 end)`.as('rejected'),
      sql<number>`count(distinct person_id)`.as('persons'),
      // A record several files describe (e.g. a contacts export and a lifecycle export) was matched by its own id.
      sql<number>`sum(case when file_count > 1 or matched_by = 'externalId' then 1 else 0 end)`.as('by_external_id'),
      sql<number>`sum(case when matched_by = 'email' then 1 else 0 end)`.as('by_email'),
      sql<number>`sum(case when matched_by = 'new' then 1 else 0 end)`.as('created'),
    ])
    .groupBy('source')
    .orderBy('source')
    .execute();
  const only = await db
    .selectFrom(
      db
        .selectFrom('person_sources')
        .select(['person_id', sql<string>`min(source)`.as('source')])
        .where('person_id', 'is not', null)
        .groupBy('person_id')
        .having(sql<number>`count(distinct source)`, '=', 1)
        .as('one'),
    )
    .select(['one.source', sql<number>`count(*)`.as('n')])
    .groupBy('one.source')
    .execute();
  const onlyHere = new Map(only.map((r) => [r.source, n(r.n)]));
  return rows.map((r) => ({
    source: r.source,
    records: n(r.records),
    rejected: n(r.rejected),
    persons: n(r.persons),
    byExternalId: n(r.by_external_id),
    byEmail: n(r.by_email),
    created: n(r.created),
    onlyHere: onlyHere.get(r.source) ?? 0,
  }));
}

export async function countPersons(db: Kysely<Database>): Promise<{ persons: number; inSeveralSystems: number }> {
  const persons = await db.selectFrom('persons').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const several = await db
    .selectFrom(
      db.selectFrom('person_sources').select('person_id').where('person_id', 'is not', null).groupBy('person_id').having(sql<number>`count(distinct source)`, '>', 1).as('s'),
    )
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return { persons: n(persons.n), inSeveralSystems: n(several.n) };
}

/** Accounts matched by domain, and how deals found theirs. */
export async function accountSummary(db: Kysely<Database>): Promise<AccountSummary> {
  const accounts = await db
    .selectFrom('accounts as a')
    .select([
      sql<number>`count(*)`.as('accounts'),
      sql<number>`sum(case when exists (select 1 from persons p where p.account_id = a.id) then 1 else 0 end)`.as('with_persons'),
    ])
    .executeTakeFirstOrThrow();
  // The systems touching an account: its persons' records and its deals.
  const touching = db
    .selectFrom('person_sources as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['p.account_id as account_id', 's.source as source'])
    .where('p.account_id', 'is not', null)
    .union(db.selectFrom('opportunities as o').select(['o.account_id as account_id', 'o.source as source']).where('o.account_id', 'is not', null));
  const several = await db
    .selectFrom(db.selectFrom(touching.as('t')).select('t.account_id').groupBy('t.account_id').having(sql<number>`count(distinct t.source)`, '>', 1).as('x'))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const opps = await db
    .selectFrom('opportunities as o')
    .select([
      sql<number>`count(*)`.as('total'),
      sql<number>`sum(case when o.person_id is not null then 1 else 0 end)`.as('with_person'),
      sql<number>`sum(case when o.person_id is null and exists (select 1 from persons p where p.account_id = o.account_id) then 1 else 0 end)`.as('by_domain'),
    ])
    .executeTakeFirstOrThrow();
  return {
    accounts: n(accounts.accounts),
    withPersons: n(accounts.with_persons),
    inSeveralSystems: n(several.n),
    opportunities: n(opps.total),
    opportunitiesWithPerson: n(opps.with_person),
    opportunitiesByDomain: n(opps.by_domain),
  };
}

export async function multiRecordPersons(db: Kysely<Database>, afterId: string | null, limit: number): Promise<{ person: PersonLabel; records: SourceRecordRow[] }[]> {
  let q = db.selectFrom('person_sources').select('person_id').where('person_id', 'is not', null).groupBy('person_id').having(sql<number>`count(*)`, '>', 1).orderBy('person_id').limit(limit);
  if (afterId !== null) q = q.where('person_id', '>', afterId);
  const ids = (await q.execute()).map((r) => r.person_id!);
  const records = groupBy(await recordsOf(db, ids), (r) => r.personId!);
  const labels = await personLabels(db, ids);
  return labels.map((person) => ({ person, records: records.get(person.personId) ?? [] }));
}

/** Groups of records sharing a loose email or a name and company, across more than one person. */
export async function nearMatchGroups(db: Kysely<Database>, key: 'email' | 'name'): Promise<{ key: string; records: SourceRecordRow[]; persons: PersonLabel[] }[]> {
  const column = key === 'email' ? 'email_loose' : 'name_key';
  const keys = (
    await db
      .selectFrom('person_sources')
      .select(sql<string>`${sql.ref(column)}`.as('k'))
      .where('person_id', 'is not', null)
      .where(column, 'is not', null)
      .groupBy(column)
      .having(sql<number>`count(distinct person_id)`, '>', 1)
      .orderBy(column)
      .execute()
  ).map((r) => r.k);
  const groups: { key: string; records: SourceRecordRow[]; persons: PersonLabel[] }[] = [];
  for (const part of inParts(keys)) {
    const rows = (await db.selectFrom('person_sources').selectAll().where('person_id', 'is not', null).where(column, 'in', part).orderBy('person_id').orderBy('source').execute()).map(
      (r) => ({ k: (key === 'email' ? r.email_loose : r.name_key)!, r: toSourceRecord(r) }),
    );
    const labels = new Map((await personLabels(db, rows.map((x) => x.r.personId!))).map((l) => [l.personId, l]));
    const byKey = groupBy(rows, (x) => x.k);
    for (const k of part) {
      const records = (byKey.get(k) ?? []).map((x) => x.r);
      const persons = [...new Set(records.map((r) => r.personId!))].sort().map((id) => labels.get(id)!);
      groups.push({ key: k, records, persons });
    }
  }
  return groups;
}

/** Persons known to one system only, listed when that system is one of `sources` or their status there is one of `stages`. */
export async function oneSystemPersons(db: Kysely<Database>, sources: readonly string[], stages: readonly string[]): Promise<OneSystemPerson[]> {
  const none = '\u0000';
  const rows = await db
    .selectFrom('person_sources')
    .select(['person_id', sql<string>`min(source)`.as('source')])
    .where('person_id', 'is not', null)
    .groupBy('person_id')
    .having(sql<number>`count(distinct source)`, '=', 1)
    .having((eb) =>
      eb.or([
        eb(sql<string>`min(source)`, 'in', sources.length ? [...sources] : [none]),
        eb(sql<number>`sum(case when ${sql.ref('stage')} in (${sql.join(stages.length ? [...stages] : [none])}) then 1 else 0 end)`, '>', 0),
      ]),
    )
    .orderBy('person_id')
    .execute();
  const ids = rows.map((r) => r.person_id!);
  const records = groupBy(await recordsOf(db, ids), (x) => x.personId!);
  const labels = new Map((await personLabels(db, ids)).map((l) => [l.personId, l]));
  return rows.map((r) => {
    // The status that made the person listed, else any status the system gives them (usually one record).
    const own = records.get(r.person_id!) ?? [];
    const withStage = own.find((x) => x.stage !== null && stages.includes(x.stage)) ?? own.find((x) => x.stage !== null) ?? own[0];
    return { person: labels.get(r.person_id!)!, source: r.source, stage: withStage?.stage ?? null, statusRaw: withStage?.statusRaw ?? null };
  });
}
