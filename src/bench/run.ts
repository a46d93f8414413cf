#!/usr/bin/env node
/**
 * `npm run bench`: measures the hot paths, each next to a floor measured in the same run.
 *   --persons N      persons to generate (default 100000; 10 activities each)
 *   --dialects LIST  sqlite,postgres (default both; PostgreSQL from TANDEM_BENCH_PG_URL or started here)
 *   --benches LIST   core,http,qualification (default all)
 *   --keep           keep the work folder (generated exports, SQLite files) and print where it is
 *   --reuse DB       core bench on a database a kept run imported: no import, replay and report only
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { BenchContext, BenchResult } from './bench-types.js';
import { benchImportReplayReport } from './core-benches.js';
import { benchHttp } from './http-bench.js';
import { writeGeneratedExports } from './generated-exports.js';
import { benchQualification } from './qualification-benches.js';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000' },
    'activities-per-person': { type: 'string', default: '10' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    benches: { type: 'string', default: 'core,http,qualification' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
  },
});
const persons = Number(values.persons);
const perPerson = Number(values['activities-per-person']);
const dialects = values.dialects.split(',') as ('sqlite' | 'postgres')[];
const benches = new Set(values.benches.split(','));

function pgUrl(): string {
  if (process.env.TANDEM_BENCH_PG_URL) return process.env.TANDEM_BENCH_PG_URL;
  const script = join(import.meta.dirname, '..', '..', 'scripts', 'start-postgres.sh');
  return execFileSync('bash', [script], { encoding: 'utf8' }).trim().split('\n').pop()!;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  const exportsDir = join(work, 'exports');
  if (benches.has('core') && !values.reuse) {
    process.stderr.write(`generating ${persons.toLocaleString('en-US')} persons × ${perPerson} activities…\n`);
    await writeGeneratedExports(exportsDir, persons, perPerson);
  }
  const results: BenchResult[] = [];
  // Each figure as soon as it is measured (the table comes at the end): a long run shows progress.
  const push = (...rs: BenchResult[]): void => {
    for (const r of rs) {
      process.stderr.write(`  ${r.bench} (${r.dialect}): ${r.seconds.toFixed(3)} s${r.cpuSeconds === undefined ? '' : `, cpu ${r.cpuSeconds.toFixed(3)} s`}${r.floorSeconds === null ? '' : `, floor ${r.floorSeconds.toFixed(3)} s, floor/time ${(r.floorSeconds / r.seconds).toFixed(2)}`}\n`);
      results.push(r);
    }
  };
  let n = 0;
  for (const dialect of dialects) {
    const base = dialect === 'postgres' ? pgUrl() : null;
    const ctx: BenchContext = {
      persons,
      activitiesPerPerson: perPerson,
      dialect,
      exportsDir,
      workDir: work,
      async freshDb() {
        n++;
        if (!base) return join(work, `bench-${n}.db`);
        const name = `bench_${process.pid}_${n}`;
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`create database ${name}`);
        await c.end();
        const url = new URL(base);
        url.pathname = `/${name}`;
        return url.toString();
      },
    };
    let imported: string | null = null;
    if (benches.has('core')) {
      process.stderr.write(`${dialect}: import, replay, report… (load average ${loadavg()[0]!.toFixed(2)})\n`);
      const core = await benchImportReplayReport(ctx, values.reuse ?? null);
      push(...core.results);
      imported = core.db;
    }
    if (benches.has('http')) {
      process.stderr.write(`${dialect}: HTTP API under load on 127.0.0.1… (load average ${loadavg()[0]!.toFixed(2)})\n`);
      push(...(await benchHttp(ctx, imported)));
    }
    if (benches.has('qualification')) {
      process.stderr.write(`${dialect}: scoring and backtest… (load average ${loadavg()[0]!.toFixed(2)})\n`);
      push(...(await benchQualification(ctx)));
    }
  }
  print(results);
  if (values.keep) process.stderr.write(`work folder kept: ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
}

function print(results: readonly BenchResult[]): void {
  const rows = results.map((r) => [
    r.bench,
    r.dialect,
    r.persons.toLocaleString('en-US'),
    r.figure,
    `${r.seconds.toFixed(3)} s`,
    r.cpuSeconds === undefined ? '' : `${r.cpuSeconds.toFixed(3)} s`,
    r.rssMiB === undefined ? '' : `${r.rssMiB.toFixed(0)} MiB`,
    r.rate ? `${Math.round(r.rate).toLocaleString('en-US')}/s` : '',
    r.floorSeconds === null ? '—' : `${r.floorSeconds.toFixed(3)} s`,
    r.floorSeconds === null ? '—' : `${(r.floorSeconds / r.seconds).toFixed(2)}`,
    r.floorWhat,
  ]);
  const head = ['bench', 'db', 'persons', 'work', 'time', 'cpu', 'peak RSS', 'rate', 'floor', 'floor/time', 'floor is'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  process.stdout.write(`${line(head)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n`);
  const rss = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`peak RSS of the bench process: ${rss.toFixed(0)} MiB; load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
}

await main();
