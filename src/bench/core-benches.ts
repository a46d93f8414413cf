import { sql } from 'kysely';
import { openServices } from '../main/services.js';
import { openStore } from '../store/open-store.js';
import type { BenchContext, BenchResult } from './bench-types.js';
import { seconds } from './bench-types.js';

const AT = new Date('2025-01-01T00:00:00Z');

/** Import of the generated exports vs a bare bulk insert of the same activity rows with the same driver. */
export async function benchImportReplayReport(ctx: BenchContext): Promise<BenchResult[]> {
  const db = await ctx.freshDb();
  const services = await openServices(db);
  const results: BenchResult[] = [];
  try {
    let t = performance.now();
    const summary = await services.importFiles({ paths: [ctx.exportsDir], replay: false });
    const importSeconds = seconds(t);
    const rows = summary.rows;

    const floor = await bareInsertFloor(ctx, db);
    results.push({
      bench: 'import', dialect: ctx.dialect, persons: ctx.persons, figure: `${rows.toLocaleString('en-US')} rows`,
      seconds: importSeconds, floorSeconds: floor.seconds * (rows / floor.rows), floorWhat: 'bare bulk insert of the same rows (same driver, same table)',
      rate: rows / importSeconds,
    });

    t = performance.now();
    const replay = await services.replay(null);
    const replaySeconds = seconds(t);
    const readFloor = await readFloorSeconds(db);
    results.push({
      bench: 'replay', dialect: ctx.dialect, persons: ctx.persons, figure: `${replay.transitions.toLocaleString('en-US')} transitions`,
      seconds: replaySeconds, floorSeconds: readFloor, floorWhat: 'reading every activity in person order',
      rate: replay.persons / replaySeconds,
    });

    await services.funnelReport({ from: null, to: null, by: null, at: AT }); // warm the cache once
    t = performance.now();
    await services.funnelReport({ from: null, to: null, by: null, at: AT });
    const reportSeconds = seconds(t);
    t = performance.now();
    await services.funnelReport({ from: null, to: null, by: 'source', at: AT });
    const bySeconds = seconds(t);
    const aggFloor = await aggregateFloorSeconds(db);
    results.push({ bench: 'report', dialect: ctx.dialect, persons: ctx.persons, figure: 'funnel report', seconds: reportSeconds, floorSeconds: aggFloor, floorWhat: 'one hand-written SQL count per stage' });
    results.push({ bench: 'report --by source', dialect: ctx.dialect, persons: ctx.persons, figure: 'funnel report split', seconds: bySeconds, floorSeconds: aggFloor, floorWhat: 'one hand-written SQL count per stage' });
  } finally {
    await services.close();
  }
  return results;
}

/** Copies the imported activity rows into an identical empty table the bare way and times it. */
async function bareInsertFloor(ctx: BenchContext, db: string): Promise<{ seconds: number; rows: number }> {
  const store = await openStore(db);
  try {
    const rows = await store.db.selectFrom('activities').selectAll().limit(500_000).execute();
    await sql`create table floor_activities as select * from activities where 1 = 0`.execute(store.db);
    await sql`create unique index floor_a_src on floor_activities (source, external_id)`.execute(store.db);
    await sql`create index floor_a_person on floor_activities (person_id, occurred_at)`.execute(store.db);
    const t = performance.now();
    await store.db.transaction().execute(async (trx) => {
      await store.helpers.insertMany(trx, 'floor_activities', rows);
    });
    const s = seconds(t);
    await sql`drop table floor_activities`.execute(store.db);
    void ctx;
    return { seconds: s, rows: rows.length };
  } finally {
    await store.close();
  }
}

async function readFloorSeconds(db: string): Promise<number> {
  const store = await openStore(db);
  try {
    const t = performance.now();
    await store.db.selectFrom('activities').selectAll().orderBy('person_id').orderBy('occurred_at').execute();
    return seconds(t);
  } finally {
    await store.close();
  }
}

async function aggregateFloorSeconds(db: string): Promise<number> {
  const store = await openStore(db);
  try {
    const q = sql`select sum(reached_inquiry), sum(reached_mql), sum(reached_sal), sum(reached_sql), sum(reached_opportunity), sum(reached_won) from journeys`;
    await q.execute(store.db);
    const t = performance.now();
    await q.execute(store.db);
    return seconds(t);
  } finally {
    await store.close();
  }
}
