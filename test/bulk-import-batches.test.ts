import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importData } from '../src/app/import-data.js';
import type { ImportStore } from '../src/app/ports/import-store.js';
import { generateScaleExports } from '../src/demo/generate-scale-exports.js';
import { resolveImportFiles } from '../src/importers/resolve-import-files.js';
import { openStore } from '../src/store/open-store.js';
import type { OpenedStore } from '../src/store/open-store.js';
import { DIALECTS, freshDatabase } from './dialects.js';

let exportsDir: string;

beforeAll(async () => {
  exportsDir = mkdtempSync(join(tmpdir(), 'tandem-bulk-'));
  // Enough activities for several 20,000-row chunks of activities alone.
  await generateScaleExports({ persons: 6_000, activitiesPerPerson: 10, seed: 11, out: exportsDir });
});
afterAll(() => rmSync(exportsDir, { recursive: true, force: true }));

/** The real store, with a count of how many batches it had in flight at once. */
function watched(inner: ImportStore, inFlight: { now: number; max: number }): ImportStore {
  return {
    startRun: (id, files, at) => inner.startRun(id, files, at),
    finishRun: (id, stats, at) => inner.finishRun(id, stats, at),
    recordRejects: (runId, firstSeq, rejects) => inner.recordRejects(runId, firstSeq, rejects),
    applyPrecedence: (precedence) => inner.applyPrecedence(precedence),
    async applyBatch(batch, at, precedence) {
      inFlight.max = Math.max(inFlight.max, ++inFlight.now);
      try {
        return await inner.applyBatch(batch, at, precedence);
      } finally {
        inFlight.now--;
      }
    },
    bulk: (work, expected) => inner.bulk((grouped) => work(watched(grouped, inFlight)), expected),
    concurrentBatches: inner.concurrentBatches,
  };
}

/** What an import leaves: every table it writes, as sorted text. */
async function contents(store: OpenedStore): Promise<Record<'persons' | 'identities' | 'activities' | 'opportunities' | 'queued', string[]>> {
  const rows = async (table: string, columns: string): Promise<string[]> =>
    (await sql<{ r: string }>`select ${sql.raw(columns)} as r from ${sql.id(table)}`.execute(store.db)).rows.map((x) => x.r).sort();
  return {
    persons: await rows('persons', "id || '|' || coalesce(email_norm, '') || '|' || coalesce(first_name, '') || '|' || coalesce(owner, '')"),
    identities: await rows('identities', "source || '|' || external_id || '|' || person_id"),
    activities: await rows('activities', "id || '|' || person_id || '|' || type || '|' || occurred_at"),
    opportunities: await rows('opportunities', "id || '|' || coalesce(person_id, '') || '|' || status"),
    queued: await rows('replay_queue', 'person_id'),
  };
}

async function run(location: string, bulk: boolean): Promise<{ store: OpenedStore; inFlight: { now: number; max: number }; inserted: number; rejected: number }> {
  const store = await openStore(location);
  const inFlight = { now: 0, max: 0 };
  const files = await resolveImportFiles({ paths: [exportsDir] });
  const summary = await importData(watched(store.imports, inFlight), files, { runId: `run-${bulk}-${Date.now()}`, now: () => '2026-11-27T00:00:00.000Z', bulk });
  return { store, inFlight, inserted: summary.activitiesInserted, rejected: summary.rejected };
}

describe.each(DIALECTS)('a bulk import of several chunks (%s)', (dialect) => {
  it('lands exactly what batch-by-batch landing does; on PostgreSQL two chunks of activities at a time', async () => {
    const bulkDb = await freshDatabase(dialect);
    const plainDb = await freshDatabase(dialect);
    const opened: OpenedStore[] = [];
    try {
      const bulk = await run(bulkDb.location, true);
      opened.push(bulk.store);
      const plain = await run(plainDb.location, false);
      opened.push(plain.store);
      expect(bulk.rejected).toBe(0);
      expect(bulk.inserted).toBeGreaterThan(60_000);
      expect(bulk.inserted).toBe(plain.inserted);
      // Only a bulk import on PostgreSQL lands chunks side by side; SQLite has one writer.
      expect(bulk.inFlight.max).toBe(dialect === 'postgres' ? 2 : 1);
      expect(plain.inFlight.max).toBe(1);
      const [a, b] = [await contents(bulk.store), await contents(plain.store)];
      expect(a.activities.length).toBe(bulk.inserted);
      expect(a.queued.length).toBe(a.persons.length);
      expect(a).toEqual(b);
      // A re-run lands nothing new.
      const again = await run(bulkDb.location, true);
      opened.push(again.store);
      expect(again.inserted).toBe(0);
      expect(await contents(again.store)).toEqual(a);
    } finally {
      for (const s of opened) await s.close();
      await bulkDb.drop();
      await plainDb.drop();
    }
  });
});

describe.runIf(DIALECTS.includes('postgres'))('planner statistics during an import (PostgreSQL)', () => {
  it('are gathered as the import grows the tables it reads back', async () => {
    const db = await freshDatabase('postgres');
    const { store } = await run(db.location, true);
    try {
      const tuples = await sql<{ relname: string; reltuples: number }>`select relname, reltuples::float8 as reltuples from pg_class where relname in ('identities', 'persons', 'activities')`.execute(store.db);
      const byName = Object.fromEntries(tuples.rows.map((r) => [r.relname, r.reltuples]));
      // Never analysed would be -1; an analysis of a near-empty table, a few hundred.
      expect(byName.identities).toBeGreaterThan(3_000);
      expect(byName.persons).toBeGreaterThan(3_000);
      expect(byName.activities).toBeGreaterThan(30_000);
      // The planner's estimate of a source's identities (what every lookup by external id starts
      // from) is near the truth, not the handful a table analysed while nearly empty would give.
      const counts = await sql<{ source: string; n: number }>`select source, count(*)::int as n from identities group by source order by n desc`.execute(store.db);
      expect(counts.rows.length).toBeGreaterThan(0);
      for (const { source, n } of counts.rows.filter((r) => r.n >= 1_000)) {
        const plan = await sql<{ 'QUERY PLAN': string }>`explain select * from identities where source = ${source}`.execute(store.db);
        const estimate = Number(/rows=(\d+)/.exec(plan.rows[0]!['QUERY PLAN'])![1]);
        expect(estimate, `identities of ${source}: ${n}`).toBeGreaterThan(n / 2);
        expect(estimate).toBeLessThan(n * 2);
      }
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
