import { runBacktest } from '../app/backtest.js';
import { loadFunnelModel } from '../config/load-funnel-model.js';
import { parseQualificationModel } from '../config/qualification/load-qualification-model.js';
import { typesRead } from '../domain/qualification/compiled-model.js';
import { QualificationProvider } from '../domain/qualification/qualification-provider.js';
import { openStore } from '../store/open-store.js';
import { BENCH_MODEL } from './bench-model.yaml.js';
import type { BenchContext, BenchResult } from './bench-types.js';
import { seconds } from './bench-types.js';
import { generateScoringData } from './scoring-data.js';

const AT = '2025-06-01T00:00:00.000Z';
const PAGE = 2000;

/**
 * Scoring and backtest of generated persons and activities, next to the floor: one plain SQL
 * aggregate that reads the same activity rows.
 */
export async function benchQualification(ctx: BenchContext): Promise<BenchResult[]> {
  const store = await openStore(await ctx.freshDb());
  const results: BenchResult[] = [];
  try {
    let t = performance.now();
    const { activities } = await generateScoringData(store, ctx.persons, ctx.activitiesPerPerson, (done) => {
      if (done % 200_000 === 0) process.stderr.write(`  generated ${done.toLocaleString('en-US')} persons\n`);
    });
    process.stderr.write(`  generated ${activities.toLocaleString('en-US')} activities in ${seconds(t).toFixed(1)} s\n`);
    const common = { dialect: ctx.dialect, persons: ctx.persons };

    // The floor: the database alone reading every activity row once, in one aggregate.
    const floorQuery = () =>
      store.db
        .selectFrom('activities')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('occurred_at').as('last'), eb.fn.count<number>('properties').as('p')])
        .executeTakeFirstOrThrow();
    await floorQuery();
    t = performance.now();
    await floorQuery();
    const floor = seconds(t);
    const floorWhat = 'one SQL aggregate reading every activity row';

    const provider = new QualificationProvider(parseQualificationModel(BENCH_MODEL, 'bench model'));
    const types = typesRead(provider.compiled);
    t = performance.now();
    let read = 0;
    for (let after: string | null = null; ; ) {
      const page = await store.qualification.pageScoring(after, PAGE, types);
      if (page.length === 0) break;
      after = page[page.length - 1]!.personId;
      for (const p of page) read += p.activities.length;
    }
    const readSeconds = seconds(t);
    results.push({ bench: 'read for scoring', ...common, figure: `${read.toLocaleString('en-US')} activities the rules read`, seconds: readSeconds, floorSeconds: floor, floorWhat, rate: read / readSeconds });

    t = performance.now();
    let mql = 0;
    for (let after: string | null = null; ; ) {
      const page = await store.qualification.pageScoring(after, PAGE, types);
      if (page.length === 0) break;
      after = page[page.length - 1]!.personId;
      for (const p of page) if (provider.evaluation(p, AT).crossing !== null) mql++;
    }
    const scoreSeconds = seconds(t);
    results.push({ bench: 'scoring (TS evaluator)', ...common, figure: `${mql.toLocaleString('en-US')} MQLs`, seconds: scoreSeconds, floorSeconds: floor, floorWhat, rate: ctx.persons / scoreSeconds });

    const funnel = loadFunnelModel();
    t = performance.now();
    const run = await runBacktest(store.qualification, { model: funnel, providers: [], at: AT }, [provider], { from: null, to: null });
    const backtestSeconds = seconds(t);
    const f = run.figures[0]!;
    results.push({
      bench: 'backtest',
      ...common,
      figure: `${f.qualified.toLocaleString('en-US')} qualified, recall ${((f.recall ?? 0) * 100).toFixed(1)}%, AUC ${f.auc?.toFixed(3)}`,
      seconds: backtestSeconds,
      floorSeconds: floor,
      floorWhat,
      rate: ctx.persons / backtestSeconds,
    });
  } finally {
    await store.close();
  }
  return results;
}
