import { Option } from 'commander';
import type { Command } from 'commander';
import type { ModelKind } from '../../app/ports/model-store.js';
import type { OpenServices } from '../../app/services.js';
import { TandemError } from '../../domain/errors.js';
import type { CliIo } from '../cli-io.js';
import { progressBar } from '../progress.js';
import { backtestTables, compareTables, versionsTable } from '../qualification-tables.js';
import { formatNumber, render } from '../render.js';
import type { OutputFormat } from '../table-data.js';
import { formatOption } from './report-command.js';

interface PeriodOptions {
  from?: string;
  to?: string;
  at?: string;
  format: OutputFormat;
}

function period(cmd: Command): Command {
  return cmd
    .option('--from <date>', 'people who entered the funnel on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'people who entered the funnel on or before this date (YYYY-MM-DD)')
    .option('--at <time>', 'evaluation time: scores and stages as they stood then (default: now)')
    .addOption(formatOption());
}

function atOf(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw new TandemError('BAD_INPUT', `--at must be a date or time like 2024-06-30, not "${text}"`, { place: { field: 'at' } });
  return d;
}

/** Qualification model subcommands of `tandem model`: backtest, compare, adopt, versions. */
export function qualificationModelCommands(model: Command, program: Command, open: OpenServices, io: CliIo): void {
  period(
    model
      .command('backtest')
      .description('Replay history under a candidate qualification model: what it qualifies, keeps and loses')
      .argument('<file>', 'the qualification model YAML (or "active")'),
  ).action(async (file: string, opts: PeriodOptions) => {
    const services = await open(io.db(program));
    try {
      const r = await services.backtestModel(file, { from: opts.from ?? null, to: opts.to ?? null, at: atOf(opts.at) });
      io.out(render(opts.format, backtestTables(r), r));
    } finally {
      await services.close();
    }
  });
  period(
    model
      .command('compare')
      .description('Two qualification models side by side on the same history, with the people who move')
      .argument('<a>', 'model A (a file, or "active")')
      .argument('<b>', 'model B (a file, or "active")')
      .option('--sample <n>', 'people who move to show', '10'),
  ).action(async (a: string, b: string, opts: PeriodOptions & { sample: string }) => {
    const services = await open(io.db(program));
    try {
      const sample = Number(opts.sample);
      if (!Number.isInteger(sample) || sample < 0) throw new TandemError('BAD_INPUT', `--sample must be a whole number, not "${opts.sample}"`, { place: { field: 'sample' } });
      const r = await services.compareModels(a, b, { from: opts.from ?? null, to: opts.to ?? null, at: atOf(opts.at), sample });
      io.out(render(opts.format, compareTables(r), r));
    } finally {
      await services.close();
    }
  });
  model
    .command('adopt')
    .description('Adopt a qualification model: store the version (hash, author, time) and replay history under it')
    .argument('<file>', 'the qualification model YAML')
    .option('--author <name>', 'who adopts it (default: the OS user)')
    .action(async (file: string, opts: { author?: string }) => {
      const services = await open(io.db(program));
      const bar = progressBar();
      try {
        const r = await services.adoptQualificationModel(file, { author: opts.author ?? null, onProgress: (p) => bar.update(p.done, p.total, 'replaying') });
        bar.stop();
        io.out(
          `Adopted ${r.version}${r.previous ? ` (was ${r.previous}; its timelines stay queryable)` : ''}. ` +
            `Replayed ${formatNumber(r.persons)} persons under ${r.replayVersion}: ${formatNumber(r.transitions)} transitions.`,
        );
      } finally {
        bar.stop();
        await services.close();
      }
    });
  model
    .command('versions')
    .description('List adopted model versions (funnel and qualification) with author and time')
    .addOption(new Option('--kind <kind>', 'only this kind').choices(['funnel', 'qualification']))
    .addOption(formatOption())
    .action(async (opts: { kind?: ModelKind; format: OutputFormat }) => {
      const services = await open(io.db(program));
      try {
        const list = await services.listModelVersions(opts.kind ?? null);
        io.out(render(opts.format, versionsTable(list), list));
      } finally {
        await services.close();
      }
    });
}
