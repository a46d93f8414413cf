import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open-store.js';
import type { OpenedStore } from '../src/store/open-store.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';

/** The journeys' secondary indexes as the database has them (PostgreSQL: from pg_indexes). */
async function journeyIndexes(store: OpenedStore): Promise<string[]> {
  const rows =
    store.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'journeys' and sql is not null order by name`.execute(store.db)).rows
      : (await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'journeys' and indexname <> 'journeys_pk' order by indexname`.execute(store.db)).rows;
  return rows.map((r) => r.name);
}

describe.each(DIALECTS)('journey indexes set aside for a full replay (%s)', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase(dialect);
  });
  afterAll(async () => db.drop());

  it('a bulk rewrite drops them and its end builds them again; a crash in between loses none (the next open builds them)', async () => {
    let store = await openStore(db.location);
    const before = await journeyIndexes(store);
    expect(before).toContain('journeys_funnel');
    expect(before).toContain('journeys_days_mql');
    expect(before.length).toBeGreaterThanOrEqual(8);

    await store.replay.startBulkRewrite();
    const during = await journeyIndexes(store);
    const kept = await store.db.selectFrom('suspended_indexes').select('name').orderBy('name').execute();
    if (dialect === 'sqlite') {
      expect(during).toEqual([]);
      expect(kept.map((k) => k.name)).toEqual(before);
    } else {
      // PostgreSQL keeps them: dropping one would stop every other server's reads of the table.
      expect(during).toEqual(before);
      expect(kept).toEqual([]);
    }
    // Reads still answer while they are set aside.
    const n = await store.db.selectFrom('journeys').select((eb) => eb.fn.countAll<number>().as('n')).where('model_version', '=', 'v').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);

    await store.replay.finishBulkRewrite();
    expect(await journeyIndexes(store)).toEqual(before);
    expect(await store.db.selectFrom('suspended_indexes').selectAll().execute()).toEqual([]);

    // A process that dies after setting them aside: the next open puts them back.
    await store.replay.startBulkRewrite();
    await store.close();
    store = await openStore(db.location);
    try {
      expect(await journeyIndexes(store)).toEqual(before);
      expect(await store.db.selectFrom('suspended_indexes').selectAll().execute()).toEqual([]);
      // Nothing to do at the end of a rewrite whose indexes were already built again.
      await store.replay.finishBulkRewrite();
      expect(await journeyIndexes(store)).toEqual(before);
    } finally {
      await store.close();
    }
  });
});
