import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedExports } from '../src/bench/generated-exports.js';
import { openStore } from '../src/store/open-store.js';
import { replayRows } from './replay-rows.js';
import { runNodeKilledAfter } from './tandem-process.js';

const SERVICES = join(import.meta.dirname, '..', 'dist', 'main', 'services.js');

/** A full replay in worker threads (from any size), as `tandem replay` runs one from 100,000 persons. */
function runReplay(db: string, killAfterMs: number | null): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  const script = `import { openServices } from ${JSON.stringify(SERVICES)};
const s = await openServices(${JSON.stringify(db)}, { parallelReplay: { workers: 2, minPersons: 0 } });
try { await s.replay(null); } finally { await s.close(); }`;
  const file = join(dirname(db), 'replay-in-workers.mjs');
  writeFileSync(file, script);
  return runNodeKilledAfter([file], killAfterMs);
}

async function rows(db: string): Promise<Record<string, unknown[]>> {
  const store = await openStore(db);
  try {
    return {
      ...(await replayRows(store)),
      queued: await store.db.selectFrom('replay_queue').select('person_id').execute(),
      // A kill while the journeys' indexes were set aside: opening the store built them again.
      indexes: (await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index' and tbl_name = 'journeys' order by name`.execute(store.db)).rows,
      suspended: await store.db.selectFrom('suspended_indexes').selectAll().execute(),
    };
  } finally {
    await store.close();
  }
}

describe('crash safety of a full replay in worker threads (SIGKILL at random points)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-crash-replay-'));
  const imported = join(dir, 'imported.db');

  beforeAll(async () => {
    await writeGeneratedExports(join(dir, 'exports'), 6000, 8);
    const store = await openStore(imported);
    await store.close();
    const { openServices } = (await import(SERVICES)) as typeof import('../src/main/services.js');
    const s = await openServices(imported);
    try {
      await s.importFiles({ paths: [join(dir, 'exports')], replay: false });
    } finally {
      await s.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('killed mid-way several times, then re-run: the same rows as a clean replay, nothing left queued', async () => {
    const clean = join(dir, 'clean.db');
    const crashed = join(dir, 'crashed.db');
    copyFileSync(imported, clean);
    copyFileSync(imported, crashed);
    const r = await runReplay(clean, null);
    expect(r.code, r.stderr).toBe(0);
    const expected = await rows(clean);
    expect(expected.journeys).toHaveLength(6000);
    expect(expected.queued).toHaveLength(0);
    expect((expected.indexes as { name: string }[]).map((i) => i.name)).toContain('journeys_funnel');
    expect(expected.suspended).toEqual([]);

    let killed = 0;
    for (const ms of [700, 1500, 2600]) {
      const k = await runReplay(crashed, ms);
      if (k.signal === 'SIGKILL') killed++;
    }
    expect(killed).toBeGreaterThan(0);
    const final = await runReplay(crashed, null);
    expect(final.code, final.stderr).toBe(0);
    expect(await rows(crashed)).toEqual(expected);
  }, 240_000);
});
