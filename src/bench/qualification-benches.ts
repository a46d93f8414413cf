import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBacktest } from '../app/backtest.js';
import { loadFunnelModel } from '../config/load-funnel-model.js';
import { parseQualificationModel } from '../config/qualification/load-qualification-model.js';
import { QualificationProvider } from '../domain/qualification/qualification-provider.js';
import { PARALLEL_MIN_PERSONS, backtestThreads } from '../main/parallel-backtest.js';
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
  const location = await ctx.freshDb();
  const store = await openStore(location);
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
    const tests = provider.compiled.activityTests;
    const engineTypes = [...new Set(loadFunnelModel().stages.flatMap((st) => st.entry.map((e) => e.activity)))];
    const cpu = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    };

    // Scoring: every person's score over time and MQL crossing, with the database matching the rules.
    t = performance.now();
    let c = cpu();
    let mql = 0;
    for (let after: string | null = null; ; ) {
      const page = await store.qualification.pageScoringMatched(after, PAGE, engineTypes, tests);
      if (page === null) throw new Error('the bench model must be matchable in SQL');
      if (page.length === 0) break;
      after = page[page.length - 1]!.personId;
      for (const p of page) if (provider.evaluation({ ...p, matched: new Map([[provider.version, p.matchedTimes]]) }, AT).crossing !== null) mql++;
    }
    const scoreSeconds = seconds(t);
    results.push({ bench: 'scoring', ...common, figure: `${mql.toLocaleString('en-US')} MQLs`, cpuSeconds: cpu() - c, seconds: scoreSeconds, floorSeconds: floor, floorWhat, rate: ctx.persons / scoreSeconds });

    // The backtest as a user runs it (tandem model backtest: worker threads from 100,000 persons on
    // SQLite), in a process of its own so that its peak RSS is its own.
    const modelFile = join(ctx.workDir, 'bench-model.yaml');
    writeFileSync(modelFile, BENCH_MODEL);
    const script = new URL('./backtest-process.js', import.meta.url);
    const out = JSON.parse(execFileSync(process.execPath, [script.pathname, location, modelFile, AT], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop()!) as {
      qualified: number;
      recall: number | null;
      auc: number | null;
      seconds: number;
      cpuSeconds: number;
      rssMiB: number;
    };
    const threads = ctx.dialect === 'sqlite' && ctx.persons >= PARALLEL_MIN_PERSONS ? `${backtestThreads()} threads` : '1 thread';
    results.push({
      bench: `backtest (${threads}; own process)`,
      ...common,
      figure: `${out.qualified.toLocaleString('en-US')} qualified, recall ${((out.recall ?? 0) * 100).toFixed(1)}%, AUC ${out.auc?.toFixed(3)}`,
      seconds: out.seconds,
      cpuSeconds: out.cpuSeconds,
      rssMiB: out.rssMiB,
      floorSeconds: floor,
      floorWhat,
      rate: ctx.persons / out.seconds,
    });

    const funnel = loadFunnelModel();
    for (const transport of ['auto', 'rows'] as const) {
      t = performance.now();
      c = cpu();
      const run = await runBacktest(store.qualification, { model: funnel, providers: [], at: AT }, [provider], { from: null, to: null, transport });
      const backtestSeconds = seconds(t);
      const f = run.figures[0]!;
      results.push({
        bench: transport === 'auto' ? 'backtest, 1 thread' : 'backtest, 1 thread, rows to JS',
        ...common,
        figure: `${f.qualified.toLocaleString('en-US')} qualified`,
        cpuSeconds: cpu() - c,
        seconds: backtestSeconds,
        floorSeconds: floor,
        floorWhat,
        rate: ctx.persons / backtestSeconds,
      });
    }
  } finally {
    await store.close();
  }
  return results;
}
