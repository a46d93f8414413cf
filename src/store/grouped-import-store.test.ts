import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../test/dialects.js';
import type { TestDatabase } from '../../test/dialects.js';
import type { ActivityRecord, ImportBatch, PersonRecord } from '../app/ports/import-records.js';
import { inGroupedTransactions } from './grouped-import-store.js';
import { KyselyImportStore } from './kysely-import-store.js';
import { openStore } from './open-store.js';
import type { OpenedStore } from './open-store.js';

const AT = '2026-01-01T00:00:00.000Z';

function person(i: number): PersonRecord {
  return {
    origin: { file: 'persons.csv', row: i + 2 },
    system: 'crm',
    externalId: `P${i}`,
    fields: {
      email: `p${i}@example.org`, firstName: i % 2 ? 'مريم' : 'Sam', lastName: null, company: null, owner: null, source: null,
      country: null, industry: null, title: null, createdAt: AT, doNotCall: null, doNotEmail: null,
    },
    accountDomain: null,
    attributes: {},
  };
}

function activity(i: number, externalId = `A${i}`): ActivityRecord {
  return {
    origin: { file: 'activities.csv', row: i + 2 },
    system: 'web', externalId, person: { kind: 'external', source: 'crm', externalId: `P${i}` },
    type: 'page_view', occurredAt: AT, actor: null, stage: null, properties: {},
  };
}

/** One person and one activity of theirs: two rows. */
const batch = (i: number, activityId?: string): ImportBatch => ({ accounts: [], opportunities: [], persons: [person(i)], activities: [activity(i, activityId)] });

describe.each(DIALECTS)('a bulk import holding batches in one transaction (%s)', (dialect) => {
  let db: TestDatabase;
  const opened: OpenedStore[] = [];
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await db?.drop();
  });

  /** The writer, and a second connection that sees only what was committed. */
  async function stores(): Promise<{ writer: OpenedStore; imports: KyselyImportStore; committed: () => Promise<string[]> }> {
    db = await freshDatabase(dialect);
    const writer = await openStore(db.location);
    const observer = await openStore(db.location, { migrate: false });
    opened.push(observer, writer);
    const committed = async () => (await observer.db.selectFrom('identities').select('external_id').orderBy('external_id').execute()).map((r) => r.external_id);
    return { writer, imports: new KyselyImportStore(writer.db, writer.helpers), committed };
  }

  it('commits once the held rows reach the limit, and what is held when the work ends', async () => {
    const { writer, imports, committed } = await stores();
    const seen: string[][] = [];
    await inGroupedTransactions(writer.db, imports, { rows: 4, ms: 60_000 }, async (grouped) => {
      for (let i = 0; i < 5; i++) {
        await grouped.applyBatch(batch(i), AT);
        seen.push(await committed());
      }
    });
    // Two rows a batch, four rows a commit: every second batch commits the pair.
    expect(seen.map((ids) => ids.length)).toEqual([0, 2, 2, 4, 4]);
    expect(await committed()).toEqual(['P0', 'P1', 'P2', 'P3', 'P4']);
    const names = await writer.db.selectFrom('persons').select('first_name').where('email_norm', '=', 'p1@example.org').executeTakeFirstOrThrow();
    expect(names.first_name).toBe('مريم');
    expect(Number((await writer.db.selectFrom('replay_queue').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(5);
  });

  it('commits after the time limit too', async () => {
    const { writer, imports, committed } = await stores();
    let now = 0;
    const seen: number[] = [];
    await inGroupedTransactions(writer.db, imports, { rows: 1_000, ms: 50 }, async (grouped) => {
      for (let i = 0; i < 4; i++) {
        await grouped.applyBatch(batch(i), AT);
        seen.push((await committed()).length);
        now += 30;
      }
    }, () => now);
    // Held from t=0: after the batch at t=30 still under 50 ms, after the one at t=60 committed (all
    // three); the fourth starts a transaction at t=90 that the end of the work commits.
    expect(seen).toEqual([0, 0, 3, 3]);
    expect((await committed()).length).toBe(4);
  });

  it('a failing batch is rolled back alone: the batches before it land, the import goes on after it', async () => {
    const { writer, imports, committed } = await stores();
    // A real failure inside the database, on the activity of the third batch.
    if (dialect === 'sqlite') {
      await sql`create trigger boom before insert on activities when new.external_id = 'BOOM' begin select raise(abort, 'boom'); end`.execute(writer.db);
    } else {
      await sql`create function boom() returns trigger language plpgsql as $$ begin if new.external_id = 'BOOM' then raise exception 'boom'; end if; return new; end $$`.execute(writer.db);
      await sql`create trigger boom before insert on activities for each row execute function boom()`.execute(writer.db);
    }
    const outcome = await inGroupedTransactions(writer.db, imports, { rows: 1_000, ms: 60_000 }, async (grouped) => {
      await grouped.applyBatch(batch(0), AT);
      await grouped.applyBatch(batch(1), AT);
      await expect(grouped.applyBatch(batch(2, 'BOOM'), AT)).rejects.toThrow(/boom/);
      // The batches before the failure are committed; nothing of the failing one (its person either).
      expect(await committed()).toEqual(['P0', 'P1']);
      await grouped.recordRejects('run', 0, [{ file: 'activities.csv', row: 4, field: null, reason: 'boom', raw: null }]);
      return grouped.applyBatch(batch(3), AT);
    });
    expect(outcome.activitiesInserted).toBe(1);
    expect(await committed()).toEqual(['P0', 'P1', 'P3']);
    const activities = await writer.db.selectFrom('activities').select('external_id').orderBy('external_id').execute();
    expect(activities.map((a) => a.external_id)).toEqual(['A0', 'A1', 'A3']);
    expect((await writer.db.selectFrom('import_rejects').selectAll().execute()).map((r) => r.reason)).toEqual(['boom']);
  });

  it('work that throws between batches keeps the whole batches it held', async () => {
    const { writer, imports, committed } = await stores();
    await expect(
      inGroupedTransactions(writer.db, imports, { rows: 1_000, ms: 60_000 }, async (grouped) => {
        await grouped.applyBatch(batch(0), AT);
        await grouped.applyBatch(batch(1), AT);
        throw new Error('the next file cannot be read');
      }),
    ).rejects.toThrow('the next file cannot be read');
    expect(await committed()).toEqual(['P0', 'P1']);
  });
});

describe('a bulk import into a store with fewer activities than are coming (SQLite)', () => {
  let db: TestDatabase;
  let store: OpenedStore;
  let observer: OpenedStore;
  afterEach(async () => {
    await observer?.close();
    await store?.close();
    await db?.drop();
  });

  // Seen from a second connection: the bulk import holds the writer's between its batches.
  const personIndex = async (): Promise<boolean> =>
    (await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'index' and name = 'activities_person_time'`.execute(observer.db)).rows[0]!.n === 1;

  async function bulkImport(bytes: number, batches: number): Promise<boolean[]> {
    const seen: boolean[] = [];
    await new KyselyImportStore(store.db, store.helpers).bulk(async (grouped) => {
      for (let i = 0; i < batches; i++) await grouped.applyBatch(batch(i), AT);
      seen.push(await personIndex());
    }, { bytes });
    seen.push(await personIndex());
    return seen;
  }

  it('sets the person index of activities aside while it loads, and builds it at the end', async () => {
    db = await freshDatabase('sqlite');
    store = await openStore(db.location);
    observer = await openStore(db.location, { migrate: false });
    // 4 MB of files: some 100,000 rows coming into an empty table.
    expect(await bulkImport(4_000_000, 3)).toEqual([false, true]);
    expect((await store.db.selectFrom('suspended_indexes').selectAll().execute())).toEqual([]);
    // The index is used again: a person's activities are read through it.
    const plan = await sql<{ detail: string }>`explain query plan select * from activities where person_id = 'x' order by occurred_at`.execute(store.db);
    expect(plan.rows.map((r) => r.detail).join(' ')).toContain('activities_person_time');
    // Small files: the index stays.
    expect(await bulkImport(160, 1)).toEqual([true, true]);
    // 0.9 MB (some 22,500 rows) coming into a table of 25,000 activities: the index stays.
    await sql`insert into activities (id, person_id, source, external_id, type, occurred_at)
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 25000)
      select 'seed' || i, 'p', 'seed', 'S' || i, 'page_view', ${AT} from n`.execute(store.db);
    expect(await bulkImport(900_000, 2)).toEqual([true, true]);
    // 1.2 MB (30,000 rows): more than the table holds, so it is set aside again.
    expect(await bulkImport(1_200_000, 2)).toEqual([false, true]);
  });
});

