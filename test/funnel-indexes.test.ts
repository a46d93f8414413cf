import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN_STAGES } from '../src/domain/stage.js';
import type { MainStageId } from '../src/domain/stage.js';
import { openStore } from '../src/store/open-store.js';
import type { OpenedStore } from '../src/store/open-store.js';
import { stageMask } from '../src/store/queries/stage-mask.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';
import { seededRandom } from './seeded-random.js';

const rnd = seededRandom(20_261_127);
const T0 = Date.parse('2024-01-01T00:00:00.000Z');
const iso = (day: number): string => new Date(T0 + Math.floor(day * 86_400_000)).toISOString();
const VERSION = 'v-index';

interface Journey {
  person_id: string;
  entered_at: string | null;
  current_stage: string | null;
  current_since: string | null;
  reached: Record<MainStageId, number>;
  days: Record<MainStageId, number | null>;
}

// Journeys as replay could not always write them (skips, side stages, nulls, tied days, odd counts),
// so that every branch of the index reads and of the percentile offsets is exercised.
const journeys: Journey[] = Array.from({ length: 403 }, (_, i) => {
  const entered = rnd() < 0.05 ? null : rnd() * 300;
  const reached = Object.fromEntries(MAIN_STAGES.map((s) => [s, rnd() < 0.55 ? 1 : 0])) as Record<MainStageId, number>;
  const days = Object.fromEntries(
    MAIN_STAGES.map((s) => [s, rnd() < 0.35 ? null : rnd() < 0.3 ? Math.floor(rnd() * 4) : Math.round(rnd() * 900) / 7]),
  ) as Record<MainStageId, number | null>;
  const current = [...MAIN_STAGES, 'unreachable', 'lost', null][Math.floor(rnd() * 9)] ?? null;
  return {
    person_id: `p${String(i).padStart(4, '0')}`,
    entered_at: entered === null ? null : iso(entered),
    current_stage: current,
    current_since: current === null || rnd() < 0.05 ? null : iso(rnd() * 360),
    reached,
    days,
  };
});

function percentile(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const i = Math.floor(position);
  return i + 1 < sorted.length ? sorted[i]! + (sorted[i + 1]! - sorted[i]!) * (position - i) : sorted[i]!;
}

/** The figures counted directly from the rows above. */
function oracle(fromIso: string | null, toIso: string | null, cutoffs: Partial<Record<MainStageId, string>>) {
  const cohort = journeys.filter((j) => (fromIso === null || (j.entered_at !== null && j.entered_at >= fromIso)) && (toIso === null || (j.entered_at !== null && j.entered_at < toIso)));
  return MAIN_STAGES.map((s) => {
    const days = cohort.flatMap((j) => (j.days[s] === null ? [] : [j.days[s]]));
    const cutoff = cutoffs[s];
    return {
      stage: s,
      reached: cohort.filter((j) => j.reached[s] === 1).length,
      current: cohort.filter((j) => j.current_stage === s).length,
      pastSla: cutoff === undefined ? 0 : cohort.filter((j) => j.current_stage === s && j.current_since !== null && j.current_since < cutoff).length,
      medianDaysToNext: percentile(days, 0.5),
      p90DaysToNext: percentile(days, 0.9),
    };
  });
}

describe.each(DIALECTS)('the cohort funnel read from the journey indexes (%s)', (dialect) => {
  let db: TestDatabase;
  let store: OpenedStore;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    store = await openStore(db.location);
    const now = '2025-01-01T00:00:00.000Z';
    await store.db.insertInto('persons').values(journeys.map((j) => ({ id: j.person_id, updated_at: now, attributes: '{}', do_not_call: 0, do_not_email: 0 }))).execute();
    const rows = journeys.map((j) => {
      const row: Record<string, unknown> = { model_version: VERSION, person_id: j.person_id, entered_at: j.entered_at, current_stage: j.current_stage, current_since: j.current_since };
      for (const s of MAIN_STAGES) {
        row[`reached_${s}`] = j.reached[s];
        row[`at_${s}`] = j.reached[s] ? iso(1) : null;
        row[`days_${s}`] = j.days[s];
      }
      return row as never;
    });
    // Another version's journeys, which no figure may count.
    const other = rows.slice(0, 50).map((r) => ({ ...(r as object), model_version: 'v-other' }) as never);
    for (let i = 0; i < rows.length; i += 100) await store.db.insertInto('journeys').values(rows.slice(i, i + 100)).execute();
    await store.db.insertInto('journeys').values(other).execute();
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  const periods: [string | null, string | null][] = [
    [null, null],
    [iso(40), null],
    [null, iso(200)],
    [iso(100), iso(101.5)],
    [iso(400), iso(500)],
  ];
  it.each(periods)('counts and percentiles as a direct count does, from %s to %s', async (fromIso, toIso) => {
    const slaCutoffs = { mql: iso(200), sal: iso(90), opportunity: iso(330) };
    const { overall } = await store.reports.funnelAggregates({ modelVersion: VERSION, fromIso, toIsoExclusive: toIso, by: null, slaCutoffs, unit: 'person', basis: 'cohort' });
    const expected = oracle(fromIso, toIso, slaCutoffs);
    for (const [i, stage] of overall.stages.entries()) {
      const want = expected[i]!;
      expect({ ...stage, medianDaysToNext: null, p90DaysToNext: null }, stage.stage).toEqual({ ...want, medianDaysToNext: null, p90DaysToNext: null });
      for (const field of ['medianDaysToNext', 'p90DaysToNext'] as const) {
        if (want[field] === null) expect(stage[field], `${stage.stage} ${field}`).toBeNull();
        else expect(stage[field], `${stage.stage} ${field}`).toBeCloseTo(want[field], 9);
      }
    }
    // The split (which aggregates every row) agrees with the index reads on everyone.
    const split = await store.reports.funnelAggregates({ modelVersion: VERSION, fromIso, toIsoExclusive: toIso, by: 'source', slaCutoffs, unit: 'person', basis: 'cohort' });
    const none = split.groups.find((g) => g.key === '(none)');
    if (none) {
      for (const [i, stage] of none.stages.entries()) {
        expect(stage.reached).toBe(overall.stages[i]!.reached);
        expect(stage.pastSla).toBe(overall.stages[i]!.pastSla);
        if (stage.medianDaysToNext !== null) expect(stage.medianDaysToNext).toBeCloseTo(overall.stages[i]!.medianDaysToNext!, 9);
      }
    }
  });

  it.runIf(dialect === 'sqlite')('walks the indexes on SQLite, not the table', async () => {
    const plan = async (query: ReturnType<typeof sql>): Promise<string> =>
      ((await sql`explain query plan ${query}`.execute(store.db)).rows as { detail: string }[]).map((r) => r.detail).join(' | ');
    const counts = await plan(sql`select current_stage, ${stageMask()} as mask, count(*) from journeys where model_version = ${VERSION} group by current_stage, ${stageMask()}`);
    expect(counts).toContain('INDEX journeys_funnel');
    expect(counts).not.toContain('TEMP B-TREE');
    const days = await plan(sql`select days_mql from journeys where model_version = ${VERSION} and days_mql is not null and +entered_at >= ${iso(1)} order by days_mql limit 2 offset 3`);
    expect(days).toContain('COVERING INDEX journeys_days_mql');
    expect(days).not.toContain('TEMP B-TREE');
  });
});
