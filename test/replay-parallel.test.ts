import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../src/app/services.js';
import type { PersonRange, ReplayContext, TimelinePages } from '../src/app/replay.js';
import { computeTimelinePages, replayVersion } from '../src/app/replay.js';
import type { Timeline } from '../src/domain/lifecycle.js';
import type { PreparedTimelines } from '../src/app/ports/replay-store.js';
import type { TimelineRows } from '../src/store/timeline-rows.js';
import type { ReplayJob } from '../src/main/parallel-replay.js';
import type { ServicesOptions } from '../src/main/services.js';
import { writeGeneratedExports } from '../src/bench/generated-exports.js';
import { DEFAULT_FUNNEL_MODEL_PATH, loadFunnelModel } from '../src/config/load-funnel-model.js';
import { followUpProviders } from '../src/main/follow-up.js';
import { activeProviders } from '../src/main/qualification-services.js';
import { openStore } from '../src/store/open-store.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import { replayRows } from './replay-rows.js';
import { runNodeKilledAfter } from './tandem-process.js';
import type { TestDatabase } from './dialects.js';

// Worker threads start only from compiled JS: the parallel path is exercised through dist/ (built by `npm test`).
const DIST = join(import.meta.dirname, '..', 'dist', 'main');
type OpenServices = (db: string, options?: ServicesOptions) => Promise<Services>;
type ParallelPages = (job: ReplayJob, ranges: readonly PersonRange[]) => TimelinePages | null;

async function replayRowsAt(location: string): Promise<Record<string, unknown[]>> {
  const store = await openStore(location);
  try {
    return await replayRows(store);
  } finally {
    await store.close();
  }
}

describe.each(DIALECTS)('full replay on %s: worker threads and the array read/write path give the same timelines', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-replay-parallel-'));
  let db: TestDatabase;
  let open: OpenServices;

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'services.js'))) throw new Error('dist/ is missing: run npm run build first');
    open = ((await import(join(DIST, 'services.js'))) as { openServices: OpenServices }).openServices;
    await writeGeneratedExports(join(dir, 'exports'), 2500, 6);
    db = await freshDatabase(dialect);
    const services = await open(db.location);
    try {
      await services.importFiles({ paths: [join(dir, 'exports')], replay: false });
    } finally {
      await services.close();
    }
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const onStore = async <T>(run: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> => {
    const store = await openStore(db.location);
    try {
      return await run(store);
    } finally {
      await store.close();
    }
  };
  const queued = (): Promise<number> => onStore(async (s) => Number((await s.db.selectFrom('replay_queue').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
  const requeueEveryone = (): Promise<unknown> =>
    onStore((s) => s.db.insertInto('replay_queue').columns(['person_id', 'queued_at', 'token']).expression((eb) => eb.selectFrom('persons').select(['id', eb.val('2026-01-01T00:00:00.000Z').as('queued_at'), eb.val('t').as('token')])).execute());

  it('a replay in 3 worker threads writes the same rows as one without workers, and reports progress to the end', async () => {
    const replay = async (parallelReplay: ServicesOptions['parallelReplay']): Promise<{ rows: Record<string, unknown[]>; last: { done: number; total: number } | null }> => {
      const services = await open(db.location, { parallelReplay });
      let last: { done: number; total: number } | null = null;
      try {
        const r = await services.replay(null, (p) => (last = p));
        expect(r.persons).toBe(2500);
      } finally {
        await services.close();
      }
      return { rows: await replayRowsAt(db.location), last };
    };
    // The import queued everyone; a full replay takes each page's persons off the queue (one range
    // delete per page), with pages computed here and in workers alike.
    expect(await queued()).toBe(2500);
    const single = await replay({ workers: 0, minPersons: 0 });
    expect(await queued()).toBe(0);
    await requeueEveryone();
    expect(await queued()).toBe(2500);
    const parallel = await replay({ workers: 3, minPersons: 0 });
    expect(await queued()).toBe(0);
    expect(single.rows.journeys).toHaveLength(2500);
    expect(single.rows.transitions!.length).toBeGreaterThan(2500);
    expect(parallel.rows).toEqual(single.rows);
    expect(parallel.last).toEqual({ done: 2500, total: 2500 });

    // `tandem replay --workers 2` (the CLI's flag over any default), then `--workers 0`: the same rows again.
    if (dialect !== 'sqlite') return;
    for (const workers of ['2', '0']) {
      const run = await runNodeKilledAfter([join(DIST, 'cli.js'), 'replay', '--db', db.location, '--workers', workers], null);
      expect(run.code, run.stderr).toBe(0);
      expect(await replayRowsAt(db.location)).toEqual(single.rows);
    }
    const refused = await runNodeKilledAfter([join(DIST, 'cli.js'), 'replay', '--db', db.location, '--workers', 'two'], null);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("option '--workers <n>' argument 'two' is invalid. a whole number from 0 to 16");
  }, 120_000);

  it('the range scan reads each person as the by-id read does, and the worker pages compute the same timelines', async () => {
    const store = await openStore(db.location);
    try {
      // The context a worker rebuilds: the funnel model and the providers in force in the store.
      const model = loadFunnelModel();
      const ctx: ReplayContext = { model, providers: [...(await activeProviders(store)), ...(await followUpProviders(store, model))], at: '2030-01-01T00:00:00.000Z' };
      expect(ctx.providers.length).toBeGreaterThan(0);
      const paged = (await store.replay.pagePersonActivities(null, 10_000)).map((p) => ({ ...p, activities: [...p.activities].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id)) }));
      const byId = (await store.replay.personActivities(paged.map((p) => p.personId))).map((p) => ({ ...p, activities: [...p.activities].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id)) }));
      expect(paged).toHaveLength(2500);
      expect(paged.reduce((n, p) => n + p.activities.length, 0)).toBe(2500 * 7);
      expect(paged).toEqual(byId.sort((a, b) => (a.personId < b.personId ? -1 : 1)));
      // Bounded ranges: two halves hold every person exactly once.
      const cut = paged[1234]!.personId;
      const first = await store.replay.pagePersonActivities(null, 10_000, cut);
      const second = await store.replay.pagePersonActivities(cut, 10_000, null);
      expect([...first, ...second].map((p) => p.personId)).toEqual(paged.map((p) => p.personId));

      if (dialect !== 'sqlite') return;
      const here: Timeline[] = [];
      for await (const page of computeTimelinePages(store.replay, ctx)) here.push(...page);
      const parallelPages = ((await import(join(DIST, 'parallel-replay.js'))) as { parallelTimelinePages: ParallelPages }).parallelTimelinePages;
      const job: ReplayJob = { location: db.location, funnel: { text: readFileSync(DEFAULT_FUNNEL_MODEL_PATH, 'utf8'), file: DEFAULT_FUNNEL_MODEL_PATH }, at: ctx.at, version: replayVersion(ctx) };
      const pages = parallelPages(job, [{ after: null, until: cut }, { after: cut, until: null }]);
      expect(pages).not.toBeNull();
      const there: PreparedTimelines[] = [];
      for await (const page of pages!) there.push(page);
      expect(there.length).toBeGreaterThanOrEqual(2);
      // Each range's pages come in id order and the ranges follow each other: in order of their
      // first person, the pages' rows are those of one thread's timelines for everyone.
      const rowsOf = (p: PreparedTimelines): TimelineRows => p.rows as TimelineRows;
      there.sort((a, b) => (rowsOf(a).personIds[0]! < rowsOf(b).personIds[0]! ? -1 : 1));
      const expected = rowsOf(store.replay.prepareTimelines(here));
      expect(there.reduce((n, p) => n + p.persons, 0)).toBe(here.length);
      expect(there.reduce((n, p) => n + p.transitions, 0)).toBe(expected.transitionCount);
      for (const table of ['personIds', 'transitions', 'spans', 'journeys'] as const) {
        expect(there.flatMap((p) => rowsOf(p)[table])).toEqual(expected[table]);
      }
    } finally {
      await store.close();
    }
  }, 120_000);
});
