import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { refreshPostgresStatistics } from '../src/store/dialects/postgres-statistics.js';
import { openStore } from '../src/store/open-store.js';
import { DIALECTS, freshDatabase } from './dialects.js';

/** The planner's estimate of the identities of one source. */
async function estimate(db: Parameters<typeof refreshPostgresStatistics>[0], source: string): Promise<number> {
  const plan = await sql<{ 'QUERY PLAN': string }>`explain select * from identities where source = ${source}`.execute(db);
  return Number(/rows=(\d+)/.exec(plan.rows[0]!['QUERY PLAN'])![1]);
}

async function addIdentities(db: Parameters<typeof refreshPostgresStatistics>[0], source: string, n: number): Promise<void> {
  await sql`insert into identities (source, external_id, person_id) select ${source}, 'x' || g, 'p_' || g from generate_series(1, ${n}) g`.execute(db);
}

describe.runIf(DIALECTS.includes('postgres'))('planner statistics kept current (PostgreSQL)', () => {
  it('a vacuum that counted the new pages does not pass for an analysis: the new source is analysed', async () => {
    const database = await freshDatabase('postgres');
    const store = await openStore(database.location);
    try {
      await sql`alter table identities set (autovacuum_enabled = off)`.execute(store.db);
      await addIdentities(store.db, 'crm', 5_000);
      await refreshPostgresStatistics(store.db, ['identities']);
      // A second source arrives; a vacuum (autovacuum's, after many inserts) sets relpages to the new size, gathering no column statistics.
      await addIdentities(store.db, 'marketing', 20_000);
      await sql`vacuum identities`.execute(store.db);
      expect(await estimate(store.db, 'marketing')).toBeLessThan(1_000);
      await refreshPostgresStatistics(store.db, ['identities']);
      const marketing = await estimate(store.db, 'marketing');
      expect(marketing).toBeGreaterThan(10_000);
      expect(marketing).toBeLessThan(40_000);
      // Grown by less than a fifth since: no analysis (the estimate stays as it was).
      await addIdentities(store.db, 'ads', 500);
      await refreshPostgresStatistics(store.db, ['identities']);
      expect(await estimate(store.db, 'ads')).toBeLessThan(400);
    } finally {
      await store.close();
      await database.drop();
    }
  }, 60_000);
});
