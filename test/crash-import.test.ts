import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open-store.js';
import { writeGeneratedExports } from '../src/bench/generated-exports.js';
import { runNodeKilledAfter } from './tandem-process.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'main', 'cli.js');

async function counts(db: string): Promise<Record<string, number>> {
  const store = await openStore(db);
  try {
    const out: Record<string, number> = {};
    for (const table of ['persons', 'identities', 'activities', 'transitions', 'spans', 'journeys', 'replay_queue'] as const) {
      const r = await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      out[table] = Number(r.n);
    }
    return out;
  } finally {
    await store.close();
  }
}

async function indexes(db: string): Promise<string[]> {
  const store = await openStore(db, { migrate: false });
  try {
    return (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and sql is not null order by name`.execute(store.db)).rows.map((r) => r.name);
  } finally {
    await store.close();
  }
}

async function suspended(db: string): Promise<string[]> {
  const store = await openStore(db, { migrate: false });
  try {
    return (await store.db.selectFrom('suspended_indexes').select('name').execute()).map((r) => r.name);
  } finally {
    await store.close();
  }
}

function runImport(db: string, dir: string, killAfterMs: number | null): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return runNodeKilledAfter([CLI, '--db', db, 'import', dir, '--rejects', join(dir, 'rejects.csv')], killAfterMs);
}

describe('crash safety of import and replay (SIGKILL at random points)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-crash-'));
  const exports = join(dir, 'exports');
  let clean: Record<string, number>;

  beforeAll(async () => {
    await writeGeneratedExports(exports, 6000, 8);
    const r = await runImport(join(dir, 'clean.db'), exports, null);
    expect(r.code, r.stderr).toBe(0);
    clean = await counts(join(dir, 'clean.db'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a clean import lands everything and leaves nothing queued', () => {
    expect(clean.persons).toBe(6000);
    expect(clean.activities).toBe(6000 + 6000 * 8);
    expect(clean.journeys).toBe(6000);
    expect(clean.replay_queue).toBe(0);
  });

  it('killed mid-way several times, then re-run: the same counts as a clean import, no duplicates', async () => {
    const db = join(dir, 'crashed.db');
    // Deterministic "random" kill points spread over reading, writing and replaying.
    const killPoints = [350, 900, 1700, 2600];
    let killed = 0;
    for (const ms of killPoints) {
      const r = await runImport(db, exports, ms);
      if (r.signal === 'SIGKILL') killed++;
    }
    expect(killed).toBeGreaterThan(0);
    const final = await runImport(db, exports, null);
    expect(final.code, final.stderr).toBe(0);
    expect(await counts(db)).toEqual(clean);
    // A first load builds the activities' person index at its end: whatever run was killed
    // while it was set aside, it is back, as in the clean database, and nothing is left aside.
    expect(await suspended(db)).toEqual([]);
    expect(await indexes(db)).toEqual(await indexes(join(dir, 'clean.db')));
    expect(await indexes(db)).toContain('activities_person_time');
  }, 180_000);
});
