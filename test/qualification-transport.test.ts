import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeBacktestParts, runBacktest, runBacktestPart } from '../src/app/backtest.js';
import { BENCH_MODEL } from '../src/bench/bench-model.yaml.js';
import { generateScoringData } from '../src/bench/scoring-data.js';
import { loadFunnelModel } from '../src/config/load-funnel-model.js';
import { parseQualificationModel } from '../src/config/qualification/load-qualification-model.js';
import { QualificationProvider } from '../src/domain/qualification/qualification-provider.js';
import { openStore } from '../src/store/open-store.js';
import type { OpenedStore } from '../src/store/open-store.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';

const AT = '2025-06-01T00:00:00.000Z';
/** A `where` the database cannot match exactly (a regular expression): the backtest reads rows instead. */
const REGEX_MODEL = BENCH_MODEL.replace('id: bench-model', 'id: regex-model').replace('where: { field: url, eq: /pricing }', 'where: { field: url, matches: "^/pric" }');
/** Not/any/neq/notIn/exists in a `where`: all matched in SQL. */
const COMBINATOR_MODEL = BENCH_MODEL.replace('id: bench-model', 'id: combinator-model').replace(
  'where: { field: url, eq: /pricing }',
  'where: { any: [{ field: url, in: [/PRICING, /docs] }, { not: { field: url, neq: /blog } }, { all: [{ field: campaign, exists: false }, { field: url, notIn: [/x] }] }] }',
);

describe.each(DIALECTS)('backtest transports agree on %s', (dialect) => {
  let db: TestDatabase;
  let store: OpenedStore;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    store = await openStore(db.location);
    await generateScoringData(store, 3000, 10);
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it.each([
    ['types and text properties', BENCH_MODEL, true],
    ['combinators in where', COMBINATOR_MODEL, true],
    ['a regular expression in where (falls back to rows)', REGEX_MODEL, false],
  ])('%s: matching in the database gives the figures of matching every row in TypeScript', async (_name, text, compilable) => {
    const provider = new QualificationProvider(parseQualificationModel(text, 'model'));
    const ctx = { model: loadFunnelModel(), providers: [], at: AT };
    const tests = provider.compiled.activityTests;
    expect((await store.qualification.pageScoringMatched(null, 10, ['lead_created'], tests)) !== null).toBe(compilable);
    const viaDb = await runBacktest(store.qualification, ctx, [provider], { from: null, to: null });
    const viaRows = await runBacktest(store.qualification, ctx, [provider], { from: null, to: null, transport: 'rows' });
    expect(viaDb).toEqual(viaRows);
    const f = viaDb.figures[0]!;
    expect(f.inquiries).toBe(3000);
    expect(f.qualified).toBeGreaterThan(100);
    expect(f.qualified).toBeLessThan(3000);
    expect(f.won).toBeGreaterThan(50);
  });

  it('parts over id ranges merge to the figures of one run (what parallel workers do)', async () => {
    const provider = new QualificationProvider(parseQualificationModel(BENCH_MODEL, 'model'));
    const ctx = { model: loadFunnelModel(), providers: [], at: AT };
    const cuts = await store.qualification.personIdBoundaries(3);
    expect(cuts).toHaveLength(2);
    const ranges = [null, ...cuts].map((after, i) => ({ after, until: cuts[i] ?? null }));
    const parts = await Promise.all(ranges.map((range) => runBacktestPart(store.qualification, ctx, [provider], { from: null, to: null, range })));
    expect(parts.map((p) => p.states[0]!.scores.length).reduce((a, b) => a + b)).toBe(3000);
    const merged = mergeBacktestParts([provider], parts);
    expect(merged).toEqual(await runBacktest(store.qualification, ctx, [provider], { from: null, to: null }));
  });
});
