import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { openServices } from '../main/services.js';
import { openStore } from '../store/open-store.js';
import type { OpenedStore } from '../store/open-store.js';
import type { Database } from '../store/schema.js';
import type { BenchContext, BenchResult } from './bench-types.js';
import { cpuSeconds, peakRssMiB, seconds } from './bench-types.js';

const AT = new Date('2025-01-01T00:00:00Z');

/**
 * Import of the generated exports vs a bare bulk insert of the same rows with the same driver,
 * then replay (in a process of its own, as `tandem replay`) and report. The import's floor is
 * measured last: the replay and the report run on the database as the import left it (as a
 * user's do). The replay empties the queue the import filled, so the queue's rows are set
 * aside first (outside every timer) for the floor to write again. With `reuse` (a database a
 * previous run imported), the import is skipped and the stored timelines are deleted before the
 * replay is timed, as on a fresh import.
 */
export async function benchImportReplayReport(ctx: BenchContext, reuse: string | null = null): Promise<{ results: BenchResult[]; db: string }> {
  const db = reuse ?? (await ctx.freshDb());
  const services = await openServices(db);
  const results: BenchResult[] = [];
  let imported: TimedImport | null = null;
  try {
    if (reuse) await clearTimelines(db);
    else {
      imported = await timedImport(ctx, services);
      await setQueueAside(db);
    }
    const replay = replayInOwnProcess(db);
    const readFloor = await readFloorSeconds(db);
    results.push({
      bench: 'replay (own process)', dialect: ctx.dialect, persons: ctx.persons, figure: `${replay.transitions.toLocaleString('en-US')} transitions`,
      seconds: replay.seconds, floorSeconds: readFloor, floorWhat: 'reading every activity in person order',
      rate: replay.persons / replay.seconds, cpuSeconds: replay.cpuSeconds, rssMiB: replay.rssMiB,
    });

    await services.funnelReport({ from: null, to: null, by: null, at: AT }); // warm the cache once
    let t = performance.now();
    let cpu = process.cpuUsage();
    await services.funnelReport({ from: null, to: null, by: null, at: AT });
    const reportSeconds = seconds(t);
    const reportCpu = cpuSeconds(cpu);
    t = performance.now();
    cpu = process.cpuUsage();
    await services.funnelReport({ from: null, to: null, by: 'source', at: AT });
    const bySeconds = seconds(t);
    const byCpu = cpuSeconds(cpu);
    const aggFloor = await aggregateFloorSeconds(db);
    results.push({ bench: 'report', dialect: ctx.dialect, persons: ctx.persons, figure: 'funnel report', seconds: reportSeconds, cpuSeconds: reportCpu, floorSeconds: aggFloor, floorWhat: 'one hand-written SQL count per stage' });
    results.push({ bench: 'report --by source', dialect: ctx.dialect, persons: ctx.persons, figure: 'funnel report split', seconds: bySeconds, cpuSeconds: byCpu, floorSeconds: aggFloor, floorWhat: 'one hand-written SQL count per stage' });
  } finally {
    await services.close();
  }
  if (imported) results.unshift(await importResult(ctx, imported, db));
  return { results, db };
}

interface TimedImport {
  readonly rows: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly rssMiB: number;
}

async function timedImport(ctx: BenchContext, services: Awaited<ReturnType<typeof openServices>>): Promise<TimedImport> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const summary = await services.importFiles({ paths: [ctx.exportsDir], replay: false, bulk: true });
  return { rows: summary.rows, seconds: seconds(t), cpuSeconds: cpuSeconds(cpu), rssMiB: peakRssMiB() };
}

async function importResult(ctx: BenchContext, imported: TimedImport, db: string): Promise<BenchResult> {
  const floor = await bareInsertFloor(ctx, db);
  return {
    bench: 'import', dialect: ctx.dialect, persons: ctx.persons, figure: `${imported.rows.toLocaleString('en-US')} rows`,
    seconds: imported.seconds, floorSeconds: floor.seconds, floorWhat: `bare insert of the ${floor.rows.toLocaleString('en-US')} rows the import wrote, same driver, twin tables with the same indexes: ${floor.how}`,
    rate: imported.rows / imported.seconds, cpuSeconds: imported.cpuSeconds, rssMiB: imported.rssMiB,
  };
}

/**
 * The full replay as `tandem replay` runs it, in a process of its own: its time, CPU and peak RSS
 * are its own, not those of a process that has just imported a million persons (the heap and page
 * cache an import leaves behind are not a replay's; `tandem import` itself replays what it touched
 * one page at a time, without worker threads).
 */
function replayInOwnProcess(db: string): { persons: number; transitions: number; seconds: number; cpuSeconds: number; rssMiB: number } {
  const script = new URL('./replay-process.js', import.meta.url);
  const out = execFileSync(process.execPath, [script.pathname, db], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as ReturnType<typeof replayInOwnProcess>;
}

/** Where the queue's rows wait for the import's floor while the replay empties the queue. */
const QUEUE_ASIDE = 'bench_replay_queue_aside';

async function setQueueAside(db: string): Promise<void> {
  const store = await openStore(db);
  try {
    await sql`create table ${sql.id(QUEUE_ASIDE)} as select * from replay_queue`.execute(store.db);
  } finally {
    await store.close();
  }
}

/** Every stored timeline gone (outside the timer), so a replay of a reused database writes as much as after a fresh import. */
async function clearTimelines(db: string): Promise<void> {
  const store = await openStore(db);
  try {
    for (const table of ['transitions', 'spans', 'journeys'] as const) await store.db.deleteFrom(table).execute();
  } finally {
    await store.close();
  }
}

const PAGE = 20_000;

/**
 * A table's rows in the order they were written, page by page (null at the end). SQLite: by
 * `rowid`. PostgreSQL: by ranges of heap blocks (`ctid`, a TID range scan): `order by ctid`
 * with a limit would sort the rest of the table for every page, quadratic at a million persons.
 */
function physicalPages(ctx: BenchContext, table: string): { next(reader: Kysely<Database>): Promise<Record<string, unknown>[] | null> } {
  if (ctx.dialect === 'sqlite') {
    let after = 0;
    return {
      async next(reader) {
        const page = await sql<Record<string, unknown>>`select rowid as pos, * from ${sql.id(table)} where rowid > ${after} order by rowid limit ${PAGE}`.execute(reader);
        if (page.rows.length === 0) return null;
        after = page.rows[page.rows.length - 1]!.pos as number;
        return page.rows.map(({ pos: _pos, ...row }) => row);
      },
    };
  }
  const BLOCKS = 100;
  let block = 0;
  let blocks: number | null = null;
  const buffer: Record<string, unknown>[] = [];
  return {
    // Pages of PAGE rows, as on SQLite (the writes then commit as often on both).
    async next(reader) {
      blocks ??= Number((await sql<{ n: string }>`select pg_relation_size(${table}::regclass) / current_setting('block_size')::int as n`.execute(reader)).rows[0]!.n);
      while (buffer.length < PAGE && block <= blocks) {
        const rows = await sql<Record<string, unknown>>`select * from ${sql.id(table)} where ctid >= ${`(${block},0)`}::tid and ctid < ${`(${block + BLOCKS},0)`}::tid`.execute(reader);
        block += BLOCKS;
        for (const r of rows.rows) buffer.push(r);
      }
      return buffer.length === 0 ? null : buffer.splice(0, PAGE);
    },
  };
}

/** Every table an import writes: the floor writes their rows again. */
const IMPORTED_TABLES = ['accounts', 'campaigns', 'persons', 'identities', 'person_sources', 'opportunities', 'activities', 'replay_queue'] as const;

/**
 * The floor of an import: every row it landed, in every table it wrote (persons, identities, each
 * person's source record, accounts, activities…), written again with the same driver (the
 * dialect's insert of the store: prepared statements on SQLite, one JSON parameter per statement on
 * PostgreSQL) in the order the import wrote them, into empty tables with the same columns, keys and
 * indexes. Per table two ways are timed and the faster counts: one transaction per 20,000 rows (as
 * the import commits) and one transaction for everything. The second usually wins, but on a busy
 * machine at a million persons its dirty pages can overflow SQLite's cache and spill into the WAL
 * again and again, so it is abandoned (rolled back) as soon as it has taken longer than the first.
 * Rows are read back page by page outside the timer (memory stays bounded); the queue's from the
 * copy set aside before the replay.
 */
async function bareInsertFloor(ctx: BenchContext, db: string): Promise<{ seconds: number; rows: number; how: string }> {
  const store = await openStore(db);
  try {
    let ms = 0;
    let rows = 0;
    const how: string[] = [];
    for (const table of IMPORTED_TABLES) {
      // The queue's rows as the import left them (the replay has emptied the queue since).
      const from = table === 'replay_queue' ? QUEUE_ASIDE : table;
      const chunked = (await timedCopy(ctx, store, table, from, 'chunked', Infinity))!;
      if (chunked.rows === 0) continue;
      const single = await timedCopy(ctx, store, table, from, 'single', chunked.ms);
      const best = single && single.ms < chunked.ms ? single : chunked;
      ms += best.ms;
      rows += best.rows;
      how.push(`${table} ${best.rows.toLocaleString('en-US')} (${best === single ? 'one transaction' : '20,000-row transactions'})`);
    }
    return { seconds: ms / 1000, rows, how: how.join(', ') };
  } finally {
    await sql`drop table if exists ${sql.id(QUEUE_ASIDE)}`.execute(store.db);
    await store.close();
  }
}

class Abandoned extends Error {}

/** Copies every row of `from` into a fresh twin of `table`; `single` = one transaction, given up past `limitMs`. */
async function timedCopy(ctx: BenchContext, store: OpenedStore, table: string, from: string, mode: 'chunked' | 'single', limitMs: number): Promise<{ ms: number; rows: number } | null> {
  const twin = `floor_${table}`;
  if (ctx.dialect === 'sqlite') {
    const ddl = await sql<{ sql: string }>`select sql from sqlite_master where tbl_name = ${table} and sql is not null`.execute(store.db);
    for (const r of ddl.rows) {
      const own = new RegExp(`(?<![a-z_])"?${table}"?(?![a-z_])`, 'g');
      await sql.raw(r.sql.replace(own, `"${twin}"`).replace(new RegExp(`\\b(${table}_[a-z_]+)\\b`, 'g'), 'floor_$1')).execute(store.db);
    }
  } else {
    await sql`create table ${sql.id(twin)} (like ${sql.id(table)} including all)`.execute(store.db);
  }
  const pages = physicalPages(ctx, from);
  let insertMs = 0;
  let rows = 0;
  const copyAll = async (reader: Kysely<Database>, write: (values: Record<string, unknown>[]) => Promise<unknown>): Promise<void> => {
    for (;;) {
      const values = await pages.next(reader);
      if (values === null) break;
      if (values.length === 0) continue;
      const t = performance.now();
      await write(values);
      insertMs += performance.now() - t;
      rows += values.length;
      if (insertMs > limitMs) throw new Abandoned();
    }
  };
  try {
    if (mode === 'chunked') {
      await copyAll(store.db, (values) => store.db.transaction().execute((trx) => store.helpers.insertMany(trx, twin, values)));
    } else {
      await store.db.transaction().execute(async (trx) => {
        await copyAll(trx, (values) => store.helpers.insertMany(trx, twin, values));
        insertMs -= performance.now(); // the commit counts too
      });
      insertMs += performance.now();
    }
    return { ms: insertMs, rows };
  } catch (e) {
    if (e instanceof Abandoned) return null;
    throw e;
  } finally {
    await sql`drop table ${sql.id(twin)}`.execute(store.db);
  }
}

async function readFloorSeconds(db: string): Promise<number> {
  const store = await openStore(db);
  try {
    // Page by page on the (person_id, occurred_at) index, as a replay reads: bounded memory.
    const t = performance.now();
    let after: { person_id: string; occurred_at: string; id: string } | null = null;
    for (;;) {
      const where: RawBuilder<unknown> = after ? sql`where (person_id, occurred_at, id) > (${after.person_id}, ${after.occurred_at}, ${after.id})` : sql``;
      const rows: { person_id: string; occurred_at: string; id: string }[] = (await sql<{ person_id: string; occurred_at: string; id: string }>`select * from activities ${where} order by person_id, occurred_at, id limit ${PAGE}`.execute(store.db)).rows;
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!;
    }
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
